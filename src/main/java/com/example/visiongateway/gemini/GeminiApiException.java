package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.Optional;

/**
 * Gemini answered with an HTTP error. Keeps the HTTP status, Google's {@code status}
 * (such as RESOURCE_EXHAUSTED, absent when the body was not Google's JSON), Google's
 * message, and how long Google asked us to wait (from RetryInfo or a Retry-After header).
 */
public class GeminiApiException extends GeminiException {

	private final int httpStatus;

	private final String status;

	private final String googleMessage;

	private final Duration retryDelay;

	public GeminiApiException(GeminiOperation operation, int httpStatus, String status, String googleMessage,
			Duration retryDelay) {
		super(operation, describe(operation, httpStatus, status, googleMessage), null);
		this.httpStatus = httpStatus;
		this.status = status;
		this.googleMessage = googleMessage;
		this.retryDelay = retryDelay;
	}

	public int httpStatus() {
		return this.httpStatus;
	}

	/**
	 * Google's status name, such as {@code RESOURCE_EXHAUSTED} or
	 * {@code PERMISSION_DENIED}.
	 */
	public Optional<String> status() {
		return Optional.ofNullable(this.status);
	}

	/**
	 * Google's own message, or a short description of a body that was not Google's error
	 * JSON.
	 */
	public String googleMessage() {
		return this.googleMessage;
	}

	public Optional<Duration> retryDelay() {
		return Optional.ofNullable(this.retryDelay);
	}

	private static String describe(GeminiOperation operation, int httpStatus, String status, String message) {
		return "Gemini " + operation.tag() + " failed with HTTP " + httpStatus + ((status != null) ? " " + status : "")
				+ ": " + message;
	}

}
