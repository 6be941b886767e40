package com.example.visiongateway.gemini;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the Gemini client copes with a slow, failing or overloaded Gemini: retries, one
 * deadline per call, a bound on concurrent and queued calls, and a circuit breaker. Kept
 * apart from {@link GeminiProperties} (same {@code vision.gemini} prefix) so "where is
 * Gemini" and "how hard to try" can be read, and tested, on their own.
 *
 * @param deadline the longest one client call may take, all attempts and waits included
 * @param maxConcurrentCalls HTTP exchanges with Gemini in flight at once (also the
 * connection pool size)
 * @param maxQueuedCalls exchanges waiting for a free slot; beyond this a call fails at
 * once
 * @param retry when and how often to try again
 * @param circuitBreaker when to stop calling a failing Gemini for a while
 */
@ConfigurationProperties("vision.gemini")
@Validated
public record GeminiResilienceProperties(@DefaultValue("5m") Duration deadline,
		@DefaultValue("256") int maxConcurrentCalls, @DefaultValue("1024") int maxQueuedCalls,
		@DefaultValue Retry retry, @DefaultValue CircuitBreaker circuitBreaker) {

	public GeminiResilienceProperties {
		requirePositive(deadline, "deadline");
		requireAtLeast(maxConcurrentCalls, 1, "max-concurrent-calls");
		requireAtLeast(maxQueuedCalls, 0, "max-queued-calls");
		if (retry == null || circuitBreaker == null) {
			throw new IllegalArgumentException("vision.gemini.retry and vision.gemini.circuit-breaker must be set");
		}
	}

	/**
	 * Capped exponential backoff with jitter; a delay Google asks for (RetryInfo,
	 * Retry-After) is always honoured as a minimum.
	 *
	 * @param maxAttempts attempts in all, the first included (1 turns retries off)
	 * @param initialBackoff backoff before the second attempt, before jitter
	 * @param maxBackoff cap of the backoff before jitter (Google's own delay may be
	 * longer)
	 * @param multiplier growth of the backoff from one retry to the next
	 * @param jitter how the backoff is randomised
	 */
	public record Retry(@DefaultValue("4") int maxAttempts, @DefaultValue("500ms") Duration initialBackoff,
			@DefaultValue("10s") Duration maxBackoff, @DefaultValue("2") double multiplier,
			@DefaultValue("equal") Jitter jitter) {

		public Retry {
			requireAtLeast(maxAttempts, 1, "retry.max-attempts");
			requirePositive(initialBackoff, "retry.initial-backoff");
			requirePositive(maxBackoff, "retry.max-backoff");
			if (maxBackoff.compareTo(initialBackoff) < 0) {
				throw new IllegalArgumentException("vision.gemini.retry.max-backoff (" + maxBackoff
						+ ") must not be below vision.gemini.retry.initial-backoff (" + initialBackoff + ")");
			}
			if (!(multiplier >= 1.0)) {
				throw new IllegalArgumentException(
						"vision.gemini.retry.multiplier must be at least 1 but was " + multiplier);
			}
			if (jitter == null) {
				throw new IllegalArgumentException("vision.gemini.retry.jitter must be none, full or equal");
			}
		}

	}

	/** How a backoff {@code b} is randomised. */
	public enum Jitter {

		/** Exactly {@code b}. */
		NONE,
		/** Uniform in {@code [0, b]}: spreads a crowd of clients best. */
		FULL,
		/** Uniform in {@code [b/2, b]}: spreads them while keeping a minimum pause. */
		EQUAL

	}

	/**
	 * A breaker per model (and one for the Files API) over a time window. Only Gemini's
	 * own failures count: 5xx answers, timeouts and broken connections; a 4xx caused by
	 * the request does not.
	 *
	 * @param enabled whether calls go through the breaker at all
	 * @param failureRateThreshold percentage of failed exchanges in the window that opens
	 * the breaker
	 * @param minimumCalls exchanges the window must hold before the rate is judged
	 * @param window length of the sliding window (whole seconds)
	 * @param waitInOpen how long an open breaker answers at once before letting probes
	 * through
	 * @param halfOpenCalls probe exchanges that decide whether to close again
	 */
	public record CircuitBreaker(@DefaultValue("true") boolean enabled, @DefaultValue("50") int failureRateThreshold,
			@DefaultValue("20") int minimumCalls, @DefaultValue("60s") Duration window,
			@DefaultValue("30s") Duration waitInOpen, @DefaultValue("5") int halfOpenCalls) {

		public CircuitBreaker {
			if (failureRateThreshold < 1 || failureRateThreshold > 100) {
				throw new IllegalArgumentException(
						"vision.gemini.circuit-breaker.failure-rate-threshold must be 1..100 but was "
								+ failureRateThreshold);
			}
			requireAtLeast(minimumCalls, 1, "circuit-breaker.minimum-calls");
			requirePositive(window, "circuit-breaker.window");
			if (window.toSeconds() < 1) {
				throw new IllegalArgumentException("vision.gemini.circuit-breaker.window must be at least 1s");
			}
			requirePositive(waitInOpen, "circuit-breaker.wait-in-open");
			requireAtLeast(halfOpenCalls, 1, "circuit-breaker.half-open-calls");
		}

	}

	private static void requirePositive(Duration duration, String key) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("vision.gemini." + key + " must be positive but was " + duration);
		}
	}

	private static void requireAtLeast(int value, int minimum, String key) {
		if (value < minimum) {
			throw new IllegalArgumentException(
					"vision.gemini." + key + " must be at least " + minimum + " but was " + value);
		}
	}

}
