package com.example.visiongateway.gemini;

import java.time.Duration;

/**
 * The gateway did not call Gemini at all: too many calls are already in flight and
 * waiting, or Gemini has been failing and its circuit breaker is open. Never retried; the
 * caller is told when to try again.
 */
public class GeminiOverloadedException extends GeminiException {

	private final Duration retryAfter;

	public GeminiOverloadedException(GeminiOperation operation, String message, Duration retryAfter) {
		super(operation, message, null);
		this.retryAfter = retryAfter;
	}

	/** How long the caller should wait before trying again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
