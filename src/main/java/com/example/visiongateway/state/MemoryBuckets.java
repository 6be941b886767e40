package com.example.visiongateway.state;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.LocalBucketBuilder;

/**
 * Buckets of one process, bounded to the keys used most recently. Every bucket here
 * refills within {@code idle}, so one unused that long is full and forgetting it changes
 * nothing.
 */
public final class MemoryBuckets implements Buckets {

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	public MemoryBuckets(int maxKeys, Duration idle, Clock clock) {
		this.time = new ClockTimeMeter(clock);
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxKeys)
			.expireAfterAccess(idle)
			.ticker(this.time::currentTimeNanos)
			.executor(Runnable::run)
			.build();
	}

	@Override
	public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long tokens) {
		return bucket(key, configuration).tryConsumeAndReturnRemaining(tokens);
	}

	@Override
	public long nanosUntil(String key, BucketConfiguration configuration, long tokens) {
		return bucket(key, configuration).estimateAbilityToConsume(tokens).getNanosToWaitForRefill();
	}

	@Override
	public void adjust(String key, BucketConfiguration configuration, long tokens) {
		Bucket bucket = bucket(key, configuration);
		if (tokens > 0) {
			bucket.addTokens(tokens);
		}
		else if (tokens < 0) {
			bucket.consumeIgnoringRateLimits(-tokens);
		}
	}

	/** Keys now held, after pending evictions. */
	public long size() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Bucket bucket(String key, BucketConfiguration configuration) {
		return this.buckets.get(key, (name) -> {
			LocalBucketBuilder builder = Bucket.builder().withCustomTimePrecision(this.time);
			for (Bandwidth limit : configuration.getBandwidths()) {
				builder.addLimit(limit);
			}
			return builder.build();
		});
	}

	/**
	 * Bucket4j's time from the application's {@link Clock}, so tests move time by hand.
	 */
	record ClockTimeMeter(Clock clock) implements TimeMeter {

		@Override
		public long currentTimeNanos() {
			return TimeUnit.MILLISECONDS.toNanos(this.clock.millis());
		}

		@Override
		public boolean isWallClockBased() {
			return true;
		}

	}

}
