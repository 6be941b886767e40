package com.example.visiongateway.gemini;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads how long Google asks a client to wait before trying again. */
final class RetryDelays {

	static final String RETRY_INFO = "type.googleapis.com/google.rpc.RetryInfo";

	private RetryDelays() {
	}

	/** The {@code retryDelay} of the first RetryInfo among an error's {@code details}. */
	static Optional<Duration> fromDetails(List<Map<String, Object>> details) {
		return details.stream()
			.filter((detail) -> RETRY_INFO.equals(detail.get("@type")))
			.map((detail) -> detail.get("retryDelay"))
			.map(RetryDelays::protoDuration)
			.flatMap(Optional::stream)
			.findFirst();
	}

	/**
	 * A {@code google.protobuf.Duration} in its JSON form, seconds with an {@code s}
	 * suffix ("26s", "1.5s"), or in its object form ({@code seconds}, {@code nanos}).
	 */
	static Optional<Duration> protoDuration(Object value) {
		try {
			if (value instanceof String text && text.strip().endsWith("s")) {
				String seconds = text.strip();
				BigDecimal nanos = new BigDecimal(seconds.substring(0, seconds.length() - 1)).movePointRight(9);
				return nonNegative(Duration.ofNanos(nanos.longValueExact()));
			}
			if (value instanceof Map<?, ?> map && map.get("seconds") != null) {
				long seconds = Long.parseLong(map.get("seconds").toString());
				long nanos = (map.get("nanos") != null) ? Long.parseLong(map.get("nanos").toString()) : 0;
				return nonNegative(Duration.ofSeconds(seconds, nanos));
			}
		}
		catch (NumberFormatException | ArithmeticException ex) {
			// An unreadable hint is no hint
		}
		return Optional.empty();
	}

	/**
	 * A {@code Retry-After} header: delay-seconds or an HTTP date (a date in the past
	 * means now).
	 */
	static Optional<Duration> retryAfter(String header, Instant now) {
		if (header == null || header.isBlank()) {
			return Optional.empty();
		}
		String value = header.strip();
		try {
			return nonNegative(Duration.ofSeconds(Long.parseLong(value)));
		}
		catch (NumberFormatException ex) {
			// Not seconds: try the HTTP-date form
		}
		try {
			Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
			return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Duration> nonNegative(Duration duration) {
		return duration.isNegative() ? Optional.empty() : Optional.of(duration);
	}

}
