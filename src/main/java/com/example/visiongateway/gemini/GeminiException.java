package com.example.visiongateway.gemini;

/**
 * A Gemini call failed. Subclasses say how; this class itself covers answers the gateway
 * could not use (unreadable JSON, too large, a broken upload protocol). Messages never
 * contain the API key.
 */
public class GeminiException extends RuntimeException {

	private final GeminiOperation operation;

	public GeminiException(GeminiOperation operation, String message, Throwable cause) {
		super(message, cause);
		this.operation = operation;
	}

	public GeminiOperation operation() {
		return this.operation;
	}

}
