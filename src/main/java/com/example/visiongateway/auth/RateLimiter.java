package com.example.visiongateway.auth;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.state.Buckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * One quota (say, images per minute) for every caller: a Bucket4j token bucket per caller
 * name holding up to {@code perMinute} tokens, refilled continuously by the time that has
 * passed, so a quiet caller is full again after a minute whatever it spent before. A take
 * larger than the whole bucket is refused outright and costs nothing: no caller can go
 * into debt. The buckets are this process's or, with a shared store, the deployment's.
 */
final class RateLimiter {

	private static final Duration PERIOD = Duration.ofMinutes(1);

	private final String quota;

	private final int perMinute;

	private final BucketConfiguration configuration;

	private final Buckets buckets;

	/**
	 * @param quota names the quota in bucket keys, such as {@code images}
	 */
	RateLimiter(String quota, int perMinute, Buckets buckets) {
		this.quota = "quota:" + quota + ":";
		this.perMinute = perMinute;
		this.buckets = buckets;
		this.configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(Math.max(1, perMinute)).refillGreedy(Math.max(1, perMinute), PERIOD))
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
		String key = this.quota + caller;
		if (amount > this.perMinute) {
			long untilFull = this.buckets.nanosUntil(key, this.configuration, this.perMinute);
			return new Take(Outcome.EXCEEDS_LIMIT, seconds(untilFull));
		}
		ConsumptionProbe probe = this.buckets.tryConsume(key, this.configuration, amount);
		return probe.isConsumed() ? Take.GRANTED : new Take(Outcome.REFUSED, seconds(probe.getNanosToWaitForRefill()));
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

}
