package com.example.visiongateway.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Answers of one process in Caffeine, bounded by the bytes they hold (least recently used
 * go first) and each expiring {@code ttl} after it was stored, on the application's
 * clock.
 */
public final class MemoryResultCache implements ResultCache {

	private final Cache<String, byte[]> answers;

	public MemoryResultCache(long maxBytes, Duration ttl, Clock clock) {
		this.answers = Caffeine.newBuilder()
			.maximumWeight(maxBytes)
			// Keys are 64 hex digits: the values are the weight that matters
			.<String, byte[]>weigher((key, value) -> key.length() + value.length)
			.expireAfterWrite(ttl)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.executor(Runnable::run)
			.build();
	}

	@Override
	public Optional<byte[]> get(String key) {
		return Optional.ofNullable(this.answers.getIfPresent(key));
	}

	@Override
	public void put(String key, byte[] value) {
		this.answers.put(key, value);
	}

}
