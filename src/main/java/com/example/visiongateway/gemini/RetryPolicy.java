package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;

import com.example.visiongateway.gemini.GeminiResilienceProperties.Retry;

/**
 * Decides whether a failed attempt is tried again, and after how long. Pure: the caller
 * supplies the time left before the deadline and the randomness.
 */
final class RetryPolicy {

	/**
	 * Statuses worth another try: the request was fine, Gemini (or the way to it) was
	 * not.
	 */
	private static final Set<Integer> TRANSIENT = Set.of(408, 429, 500, 502, 503, 504);

	private final Retry settings;

	private final DoubleSupplier random;

	/**
	 * @param random uniform in {@code [0, 1)}, such as
	 * {@code ThreadLocalRandom.current()::nextDouble}
	 */
	RetryPolicy(Retry settings, DoubleSupplier random) {
		this.settings = settings;
		this.random = random;
	}

	/**
	 * The low-cardinality reason a failure is worth retrying ({@code http_503},
	 * {@code connection}), if it is.
	 */
	static Optional<String> retryReason(Throwable failure) {
		if (failure instanceof GeminiApiException api && TRANSIENT.contains(api.httpStatus())) {
			return Optional.of("http_" + api.httpStatus());
		}
		if (failure instanceof GeminiConnectionException) {
			return Optional.of("connection");
		}
		return Optional.empty();
	}

	/**
	 * How long to wait before the next attempt, or empty to give up with {@code failure}:
	 * it is not transient, the attempts are used up, or the wait would end past the
	 * deadline (then the caller learns at once, with Google's delay still on the
	 * failure).
	 * @param attemptsMade attempts so far, the failed one included
	 * @param remaining time left before the call's deadline
	 */
	Optional<Duration> nextWait(Throwable failure, int attemptsMade, Duration remaining) {
		if (retryReason(failure).isEmpty() || attemptsMade >= this.settings.maxAttempts()) {
			return Optional.empty();
		}
		Duration wait = backoff(attemptsMade);
		if (failure instanceof GeminiApiException api && api.retryDelay().isPresent()
				&& api.retryDelay().get().compareTo(wait) > 0) {
			wait = api.retryDelay().get();
		}
		return (wait.compareTo(remaining) < 0) ? Optional.of(wait) : Optional.empty();
	}

	/** The jittered backoff after the {@code retry}-th failure (1 for the first). */
	Duration backoff(int retry) {
		double cap = this.settings.maxBackoff().toNanos();
		double base = Math.min(cap, this.settings.initialBackoff().toNanos()
				* Math.pow(this.settings.multiplier(), Math.max(0, retry - 1)));
		double jittered = switch (this.settings.jitter()) {
			case NONE -> base;
			case FULL -> base * this.random.getAsDouble();
			case EQUAL -> base / 2 + base / 2 * this.random.getAsDouble();
		};
		return Duration.ofNanos((long) jittered);
	}

}
