package com.example.visiongateway.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests move by hand instead of sleeping: either stopped at a fixed instant or
 * the system clock plus whatever the test adds (for code that also waits on real timers).
 */
public final class MovableClock extends Clock {

	private final Clock base;

	private volatile Duration offset = Duration.ZERO;

	private MovableClock(Clock base) {
		this.base = base;
	}

	/** Stopped at 2026-01-01T00:00:00Z until the test moves it. */
	public static MovableClock stopped() {
		return new MovableClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
	}

	/** The system clock plus what the test adds. */
	public static MovableClock running() {
		return new MovableClock(Clock.systemUTC());
	}

	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return this.base.instant().plus(this.offset);
	}

}
