package com.example.visiongateway.gemini;

/**
 * The connection to Gemini could not be made or broke: refused, reset, closed before the
 * answer ended.
 */
public class GeminiConnectionException extends GeminiException {

	public GeminiConnectionException(GeminiOperation operation, String message, Throwable cause) {
		super(operation, message, cause);
	}

}
