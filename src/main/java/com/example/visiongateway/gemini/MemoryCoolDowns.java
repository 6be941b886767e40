package com.example.visiongateway.gemini;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Cool-downs of one process: each model's pause end ({@link System#nanoTime()}) in a
 * Caffeine cache whose entries expire when the pause does.
 */
public final class MemoryCoolDowns implements CoolDowns {

	private final Cache<String, Long> until = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfter(
				Expiry.creating((String model, Long end) -> Duration.ofNanos(Math.max(0, end - System.nanoTime()))))
		.build();

	@Override
	public void start(String model, Duration delay) {
		long end = System.nanoTime() + delay.toNanos();
		this.until.asMap().merge(model, end, Math::max);
	}

	@Override
	public Duration remaining(String model) {
		Long end = this.until.getIfPresent(model);
		long left = (end != null) ? end - System.nanoTime() : 0;
		return (left > 0) ? Duration.ofNanos(left) : Duration.ZERO;
	}

	@Override
	public void clear() {
		this.until.invalidateAll();
	}

}
