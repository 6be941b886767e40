package com.example.visiongateway.auth;

import java.time.Clock;

/**
 * A token bucket holding up to {@code perMinute} tokens and refilling {@code perMinute} per minute, evenly. The
 * arithmetic is exact: credit is counted in 1/60,000 of a token, so one millisecond adds exactly {@code perMinute}
 * units. A take larger than the whole bucket is granted from a full bucket and leaves it in debt, so a big request
 * is possible but the average rate still holds.
 */
final class TokenBucket {

	private static final long UNITS_PER_TOKEN = 60_000;

	private final Clock clock;

	private final long perMinute;

	private final long capacity;

	private long credit;

	private long updatedAt;

	TokenBucket(int perMinute, Clock clock) {
		if (perMinute < 1) {
			throw new IllegalArgumentException("A bucket needs at least 1 token per minute");
		}
		this.clock = clock;
		this.perMinute = perMinute;
		this.capacity = perMinute * UNITS_PER_TOKEN;
		this.credit = this.capacity;
		this.updatedAt = clock.millis();
	}

	/** Takes {@code tokens} if there are enough; otherwise takes nothing and says how long to wait. */
	synchronized Take take(long tokens) {
		refill();
		long cost = tokens * UNITS_PER_TOKEN;
		long needed = Math.min(cost, this.capacity);
		if (this.credit >= needed) {
			this.credit -= cost;
			return Take.GRANTED;
		}
		long waitMillis = ceilDiv(needed - this.credit, this.perMinute);
		return new Take(false, Math.max(1, ceilDiv(waitMillis, 1000)));
	}

	/** Tokens available now, rounded down (negative while in debt). */
	synchronized long available() {
		refill();
		return Math.floorDiv(this.credit, UNITS_PER_TOKEN);
	}

	private void refill() {
		long now = this.clock.millis();
		// Never more than a minute counts: that refills any bucket and keeps the product far from overflow.
		long elapsed = Math.min(Math.max(0, now - this.updatedAt), UNITS_PER_TOKEN);
		this.credit = Math.min(this.capacity, this.credit + elapsed * this.perMinute);
		this.updatedAt = Math.max(now, this.updatedAt);
	}

	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

	/** The outcome of a take: granted, or refused with the whole seconds to wait before it would be granted. */
	record Take(boolean granted, long retryAfterSeconds) {

		static final Take GRANTED = new Take(true, 0);

	}

}
