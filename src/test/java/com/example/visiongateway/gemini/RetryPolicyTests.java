package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.stream.IntStream;

import com.example.visiongateway.gemini.GeminiResilienceProperties.Jitter;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	private static final Duration PLENTY = Duration.ofMinutes(5);

	private final RetryPolicy exact = policy(Jitter.NONE, 0.5);

	@ParameterizedTest
	@ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
	void retriesTransientStatuses(int status) {
		assertThat(RetryPolicy.retryReason(api(status, null))).contains("http_" + status);
		assertThat(this.exact.nextWait(api(status, null), 1, PLENTY)).contains(Duration.ofMillis(500));
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 409, 413, 501 })
	void neverRetriesOtherStatuses(int status) {
		assertThat(RetryPolicy.retryReason(api(status, null))).isEmpty();
		assertThat(this.exact.nextWait(api(status, null), 1, PLENTY)).isEmpty();
	}

	@Test
	void retriesBrokenConnectionsButNotTimeoutsOrRefusals() {
		assertThat(RetryPolicy.retryReason(new GeminiConnectionException(GeminiOperation.GENERATE, "reset", null)))
			.contains("connection");
		assertThat(this.exact.nextWait(new GeminiTimeoutException(GeminiOperation.GENERATE, "late", null), 1, PLENTY))
			.isEmpty();
		assertThat(this.exact.nextWait(
				new GeminiOverloadedException(GeminiOperation.GENERATE, "busy", Duration.ofSeconds(2)), 1, PLENTY))
			.isEmpty();
		assertThat(this.exact.nextWait(new GeminiException(GeminiOperation.GENERATE, "not JSON", null), 1, PLENTY))
			.isEmpty();
	}

	@Test
	void doublesTheBackoffUpToTheCap() {
		assertThat(IntStream.rangeClosed(1, 7).mapToObj(this.exact::backoff).map(Duration::toMillis))
			.containsExactly(500L, 1_000L, 2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
	}

	@Test
	void stopsAfterTheLastAttempt() {
		assertThat(this.exact.nextWait(api(503, null), 3, PLENTY)).isPresent();
		assertThat(this.exact.nextWait(api(503, null), 4, PLENTY)).isEmpty();
	}

	@Test
	void keepsFullJitterBetweenZeroAndTheBackoff() {
		assertThat(policy(Jitter.FULL, 0.0).backoff(3)).isZero();
		assertThat(policy(Jitter.FULL, 0.25).backoff(3)).isEqualTo(Duration.ofMillis(500));
		assertThat(policy(Jitter.FULL, 0.999_999).backoff(3)).isBetween(Duration.ofMillis(1_999),
				Duration.ofMillis(2_000));
		assertThat(policy(Jitter.FULL, 0.5).backoff(10)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void keepsEqualJitterBetweenHalfTheBackoffAndTheBackoff() {
		assertThat(policy(Jitter.EQUAL, 0.0).backoff(3)).isEqualTo(Duration.ofSeconds(1));
		assertThat(policy(Jitter.EQUAL, 0.5).backoff(3)).isEqualTo(Duration.ofMillis(1_500));
		assertThat(policy(Jitter.EQUAL, 0.999_999).backoff(3)).isBetween(Duration.ofMillis(1_999),
				Duration.ofMillis(2_000));
		assertThat(policy(Jitter.EQUAL, 0.0).backoff(10)).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void waitsAtLeastTheDelayGoogleAskedFor() {
		assertThat(this.exact.nextWait(api(429, Duration.ofSeconds(26)), 1, PLENTY)).contains(Duration.ofSeconds(26));
		// Google's delay is a minimum, not a replacement for a longer backoff
		assertThat(this.exact.nextWait(api(503, Duration.ofMillis(100)), 2, PLENTY)).contains(Duration.ofSeconds(1));
	}

	@Test
	void givesUpAtOnceWhenTheWaitWouldEndPastTheDeadline() {
		assertThat(this.exact.nextWait(api(429, Duration.ofSeconds(120)), 1, Duration.ofSeconds(30))).isEmpty();
		assertThat(this.exact.nextWait(api(503, null), 1, Duration.ofMillis(499))).isEmpty();
		assertThat(this.exact.nextWait(api(503, null), 1, Duration.ofMillis(501))).contains(Duration.ofMillis(500));
	}

	private static RetryPolicy policy(Jitter jitter, double random) {
		return new RetryPolicy(new Retry(4, Duration.ofMillis(500), Duration.ofSeconds(10), 2, jitter), () -> random);
	}

	private static GeminiApiException api(int status, Duration retryDelay) {
		return new GeminiApiException(GeminiOperation.GENERATE, status, null, "failed", retryDelay);
	}

}
