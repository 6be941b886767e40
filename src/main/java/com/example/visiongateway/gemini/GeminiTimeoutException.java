package com.example.visiongateway.gemini;

/**
 * Gemini did not answer (or stopped sending its answer) within the configured response
 * timeout.
 */
public class GeminiTimeoutException extends GeminiException {

	public GeminiTimeoutException(GeminiOperation operation, String message, Throwable cause) {
		super(operation, message, cause);
	}

}
