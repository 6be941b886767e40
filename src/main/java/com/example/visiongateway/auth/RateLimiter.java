package com.example.visiongateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;

/**
 * One quota (say, images per minute) for every caller: a Bucket4j token bucket per caller
 * name holding up to {@code perMinute} tokens, refilled continuously by the time that has
 * passed, so a quiet caller is full again after a minute whatever it spent before. A take
 * larger than the whole bucket is refused outright and costs nothing: no caller can go
 * into debt. Buckets live in memory, bounded to the callers seen most recently; a bucket
 * unused for a minute is full anyway, so forgetting it changes nothing.
 */
final class RateLimiter {

	private static final Duration PERIOD = Duration.ofMinutes(1);

	private final int perMinute;

	private final TimeMeter time;

	private final Cache<String, Bucket> buckets;

	RateLimiter(int perMinute, int maxCallers, Clock clock) {
		this.perMinute = perMinute;
		this.time = new ClockTimeMeter(clock);
		this.buckets = Caffeine.newBuilder()
			.maximumSize(maxCallers)
			.expireAfterAccess(PERIOD)
			.ticker(this.time::currentTimeNanos)
			.executor(Runnable::run)
			.build();
	}

	/** Whether the quota is on at all (a limit of 0 means no limit). */
	boolean limited() {
		return this.perMinute > 0;
	}

	int perMinute() {
		return this.perMinute;
	}

	Take take(String caller, long amount) {
		if (!limited() || amount <= 0) {
			return Take.GRANTED;
		}
		Bucket bucket = this.buckets.get(caller, (name) -> newBucket());
		if (amount > this.perMinute) {
			long untilFull = bucket.estimateAbilityToConsume(this.perMinute).getNanosToWaitForRefill();
			return new Take(Outcome.EXCEEDS_LIMIT, seconds(untilFull));
		}
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(amount);
		return probe.isConsumed() ? Take.GRANTED : new Take(Outcome.REFUSED, seconds(probe.getNanosToWaitForRefill()));
	}

	long callers() {
		this.buckets.cleanUp();
		return this.buckets.estimatedSize();
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(this.perMinute).refillGreedy(this.perMinute, PERIOD))
			.withCustomTimePrecision(this.time)
			.build();
	}

	/** Whole seconds, rounded up and at least 1: what {@code Retry-After} can say. */
	private static long seconds(long nanos) {
		return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
	}

	/** What became of a take. */
	enum Outcome {

		GRANTED,

		/** Not now: the bucket holds too few tokens. */
		REFUSED,

		/** Never: more than the whole quota at once. */
		EXCEEDS_LIMIT

	}

	/**
	 * The outcome of a take, and when refused the whole seconds until it (or, for one too
	 * large, a full bucket) would be.
	 */
	record Take(Outcome outcome, long retryAfterSeconds) {

		static final Take GRANTED = new Take(Outcome.GRANTED, 0);

		boolean granted() {
			return this.outcome == Outcome.GRANTED;
		}

	}

	/**
	 * Bucket4j's time from the application's {@link Clock}, so tests move time by hand.
	 */
	private record ClockTimeMeter(Clock clock) implements TimeMeter {

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
