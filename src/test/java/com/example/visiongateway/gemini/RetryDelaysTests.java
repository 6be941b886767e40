package com.example.visiongateway.gemini;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDelaysTests {

	private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

	@Test
	void readsWholeAndFractionalProtoDurations() {
		assertThat(RetryDelays.protoDuration("26s")).contains(Duration.ofSeconds(26));
		assertThat(RetryDelays.protoDuration("1.5s")).contains(Duration.ofMillis(1500));
		assertThat(RetryDelays.protoDuration("0.000000001s")).contains(Duration.ofNanos(1));
		assertThat(RetryDelays.protoDuration(Map.of("seconds", "3", "nanos", 500_000_000)))
			.contains(Duration.ofMillis(3500));
	}

	@Test
	void ignoresUnreadableOrNegativeDurations() {
		assertThat(RetryDelays.protoDuration("soon")).isEmpty();
		assertThat(RetryDelays.protoDuration("26")).isEmpty();
		assertThat(RetryDelays.protoDuration("-1s")).isEmpty();
		assertThat(RetryDelays.protoDuration(26)).isEmpty();
	}

	@Test
	void findsTheRetryInfoAmongOtherDetails() {
		List<Map<String, Object>> details = List.of(
				Map.of("@type", "type.googleapis.com/google.rpc.QuotaFailure", "violations", List.of()),
				Map.of("@type", "type.googleapis.com/google.rpc.RetryInfo", "retryDelay", "26s"));

		assertThat(RetryDelays.fromDetails(details)).contains(Duration.ofSeconds(26));
		assertThat(RetryDelays.fromDetails(details.subList(0, 1))).isEmpty();
	}

	@Test
	void readsRetryAfterAsSecondsOrHttpDate() {
		assertThat(RetryDelays.retryAfter("7", NOW)).contains(Duration.ofSeconds(7));
		assertThat(RetryDelays.retryAfter("Sun, 01 Mar 2026 12:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
		assertThat(RetryDelays.retryAfter("Sun, 01 Mar 2026 11:00:00 GMT", NOW)).contains(Duration.ZERO);
		assertThat(RetryDelays.retryAfter("tomorrow", NOW)).isEmpty();
		assertThat(RetryDelays.retryAfter(null, NOW)).isEmpty();
	}

}
