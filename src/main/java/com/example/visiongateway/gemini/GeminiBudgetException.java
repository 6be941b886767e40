package com.example.visiongateway.gemini;

import java.time.Duration;

/**
 * The gateway did not call Gemini: the model's requests or tokens per minute are spent
 * for the whole deployment. Never retried; the caller is told when the budget will hold
 * the call.
 */
public class GeminiBudgetException extends GeminiException {

	private final Duration retryAfter;

	public GeminiBudgetException(GeminiOperation operation, String message, Duration retryAfter) {
		super(operation, message, null);
		this.retryAfter = retryAfter;
	}

	/** How long the caller should wait before trying again. */
	public Duration retryAfter() {
		return this.retryAfter;
	}

}
