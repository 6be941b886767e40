package com.example.visiongateway.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiApiException;
import com.example.visiongateway.gemini.GeminiBudgetException;
import com.example.visiongateway.gemini.GeminiConnectionException;
import com.example.visiongateway.gemini.GeminiException;
import com.example.visiongateway.gemini.GeminiOverloadedException;
import com.example.visiongateway.gemini.GeminiTimeoutException;

/**
 * Turns Gemini's typed failures into the contract's problems; the caller never sees
 * Gemini's raw error body.
 */
final class UpstreamProblems {

	/** What a caller is told to wait when Gemini gave no delay of its own. */
	static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

	private static final int MAX_MESSAGE = 300;

	private UpstreamProblems() {
	}

	static VisionException toProblem(GeminiException ex) {
		if (ex instanceof GeminiOverloadedException overloaded) {
			// Gemini was not called: the message is the gateway's own, written for the
			// caller
			return new VisionException(ErrorCode.UPSTREAM_UNAVAILABLE, overloaded.getMessage(),
					Map.of("retryAfterSeconds", seconds(overloaded.retryAfter())));
		}
		if (ex instanceof GeminiBudgetException budget) {
			return new VisionException(ErrorCode.RATE_LIMITED, budget.getMessage(),
					Map.of("retryAfterSeconds", seconds(budget.retryAfter())));
		}
		if (ex instanceof GeminiTimeoutException) {
			return new VisionException(ErrorCode.UPSTREAM_TIMEOUT, "Gemini did not answer in time.");
		}
		if (ex instanceof GeminiConnectionException) {
			return new VisionException(ErrorCode.UPSTREAM_ERROR, "The connection to Gemini failed.");
		}
		if (ex instanceof GeminiApiException api) {
			return fromStatus(api);
		}
		return new VisionException(ErrorCode.UPSTREAM_ERROR, bounded(ex.getMessage()));
	}

	private static VisionException fromStatus(GeminiApiException ex) {
		String message = bounded(ex.googleMessage());
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("upstreamStatus", ex.httpStatus());
		ex.status().ifPresent((status) -> properties.put("upstreamCode", status));
		switch (ex.httpStatus()) {
			case 429 -> {
				properties.put("retryAfterSeconds", retryAfter(ex));
				// Google's text names the project, its quota metrics and limits: the
				// operator's business, not callers'.
				return new VisionException(ErrorCode.RATE_LIMITED,
						"The gateway's Gemini quota is spent for now; retry after the delay given.", properties);
			}
			case 503 -> {
				properties.put("retryAfterSeconds", retryAfter(ex));
				return new VisionException(ErrorCode.UPSTREAM_UNAVAILABLE, "Gemini is unavailable: " + message,
						properties);
			}
			case 504 -> {
				return new VisionException(ErrorCode.UPSTREAM_TIMEOUT, "Gemini timed out: " + message, properties);
			}
			case 401 -> {
				return new VisionException(ErrorCode.UPSTREAM_ERROR,
						"Gemini refused the gateway's credentials; the operator must check GEMINI_API_KEY.",
						properties);
			}
			case 403 -> {
				if (message.contains("File")) {
					return new VisionException(ErrorCode.FILE_NOT_FOUND,
							"A stored file does not exist, has expired or belongs to another project.", properties);
				}
				return new VisionException(ErrorCode.UPSTREAM_ERROR,
						"Gemini refused the gateway's credentials; the operator must check GEMINI_API_KEY.",
						properties);
			}
			default -> {
				if (message.contains("API key not valid")) {
					return new VisionException(ErrorCode.UPSTREAM_ERROR,
							"Gemini rejected the gateway's API key; the operator must check GEMINI_API_KEY.",
							properties);
				}
				return new VisionException(ErrorCode.UPSTREAM_ERROR,
						"Gemini answered " + ex.httpStatus() + ": " + message, properties);
			}
		}
	}

	private static long retryAfter(GeminiApiException ex) {
		return seconds(ex.retryDelay().orElse(DEFAULT_RETRY_AFTER));
	}

	/** Whole seconds for a Retry-After header, rounded up and at least one. */
	private static long seconds(Duration delay) {
		return Math.max(1, (delay.toMillis() + 999) / 1000);
	}

	private static String bounded(String text) {
		return Texts.abbreviate((text != null) ? text : "no message", MAX_MESSAGE);
	}

}
