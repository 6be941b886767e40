package com.example.visiongateway.gemini;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.example.visiongateway.gemini.wire.GoogleError;
import com.example.visiongateway.gemini.wire.GoogleErrorBody;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Turns what went wrong on the wire into the typed {@link GeminiException}s, with bounded
 * messages that never carry the API key.
 */
final class GeminiErrors {

	static final int MAX_MESSAGE_LENGTH = 500;

	private static final int MAX_BODY_SNIPPET = 200;

	private static final String REDACTED = "[redacted]";

	private final String secret;

	private final Duration responseTimeout;

	private final JsonMapper json;

	private final Clock clock;

	GeminiErrors(String secret, Duration responseTimeout, JsonMapper json, Clock clock) {
		this.secret = secret;
		this.responseTimeout = responseTimeout;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * An HTTP error answer: Google's error JSON when it is one, a short description of
	 * the body otherwise.
	 */
	GeminiApiException fromResponse(GeminiOperation operation, int httpStatus, HttpHeaders headers, byte[] body) {
		GoogleError error = parse(body);
		Optional<Duration> retryAfter = RetryDelays.retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER),
				this.clock.instant());
		if (error != null) {
			Duration delay = RetryDelays.fromDetails(error.details()).or(() -> retryAfter).orElse(null);
			String message = (error.message() != null) ? error.message() : reason(httpStatus);
			return new GeminiApiException(operation, httpStatus, safe(error.status()), safe(message), delay);
		}
		return new GeminiApiException(operation, httpStatus, null, safe(describe(httpStatus, body)),
				retryAfter.orElse(null));
	}

	GeminiException translate(GeminiOperation operation, Throwable failure) {
		if (failure instanceof GeminiException gemini) {
			return gemini;
		}
		if (find(failure, PoolAcquirePendingLimitException.class) != null) {
			// The pool's connections are all lent and its queue is full: the one limit on
			// calls in flight (the class is reactor-netty's shaded reactor-pool one, so a
			// reactor-netty upgrade that moves it fails the build, not this check)
			return new GeminiOverloadedException(operation,
					"Too many calls to Gemini are in flight; try again shortly.",
					GeminiResilience.OVERLOAD_RETRY_AFTER);
		}
		SourceReadException unreadable = find(failure, SourceReadException.class);
		if (unreadable != null) {
			return new GeminiException(operation, unreadable.getMessage(), failure);
		}
		// Qualified: Netty's TimeoutException shares its simple name with the JDK's
		if (find(failure, io.netty.handler.timeout.TimeoutException.class) != null
				|| find(failure, TimeoutException.class) != null) {
			return new GeminiTimeoutException(operation,
					"Gemini " + operation.tag() + " got no answer within " + seconds(this.responseTimeout), failure);
		}
		if (find(failure, DataBufferLimitException.class) != null) {
			return new GeminiException(operation,
					"Gemini " + operation.tag() + " answer is larger than vision.gemini.max-response-size", failure);
		}
		if (find(failure, JacksonException.class) != null) {
			return new GeminiException(operation, "Gemini " + operation.tag() + " answer is not the expected JSON",
					failure);
		}
		if (find(failure, ConnectException.class) != null) {
			return connection(operation, "could not connect", failure);
		}
		if (find(failure, PrematureCloseException.class) != null) {
			return connection(operation, "connection closed before the answer was complete", failure);
		}
		if (find(failure, IOException.class) != null || find(failure, AbortedException.class) != null) {
			return connection(operation, "connection reset or broken", failure);
		}
		return new GeminiException(operation, "Gemini " + operation.tag() + " failed unexpectedly", failure);
	}

	/** Removes the API key from text that came from outside, and bounds its length. */
	String safe(String text) {
		if (text == null) {
			return null;
		}
		String redacted = this.secret.isEmpty() ? text : text.replace(this.secret, REDACTED);
		return (redacted.length() <= MAX_MESSAGE_LENGTH) ? redacted
				: redacted.substring(0, MAX_MESSAGE_LENGTH - 1) + "…";
	}

	private GeminiConnectionException connection(GeminiOperation operation, String what, Throwable failure) {
		return new GeminiConnectionException(operation, "Gemini " + operation.tag() + ": " + what, failure);
	}

	private GoogleError parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			GoogleErrorBody parsed = this.json.readValue(body, GoogleErrorBody.class);
			GoogleError error = (parsed != null) ? parsed.error() : null;
			return (error != null && (error.message() != null || error.status() != null)) ? error : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String describe(int httpStatus, byte[] body) {
		if (body.length == 0) {
			return reason(httpStatus) + " (empty body)";
		}
		int length = Math.min(body.length, MAX_BODY_SNIPPET);
		// Collapse whitespace and drop control characters so an HTML page reads as one
		// short line
		String snippet = new String(body, 0, length, StandardCharsets.UTF_8).replaceAll("[\\p{Cntrl}\\s]+", " ")
			.strip();
		return reason(httpStatus) + " (not Google's error JSON): " + snippet
				+ ((body.length > MAX_BODY_SNIPPET) ? "…" : "");
	}

	private static String reason(int httpStatus) {
		HttpStatus status = HttpStatus.resolve(httpStatus);
		return (status != null) ? status.getReasonPhrase() : "HTTP " + httpStatus;
	}

	private static String seconds(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		Throwable current = failure;
		for (int depth = 0; current != null && depth < 16; depth++) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		return null;
	}

}
