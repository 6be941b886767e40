package com.example.visiongateway.gemini;

/**
 * Our own image bytes could not be read while writing a request. Kept apart from network
 * {@link java.io.IOException}s so a local read failure is not mistaken for a broken
 * connection.
 */
final class SourceReadException extends RuntimeException {

	SourceReadException(String message, Throwable cause) {
		super(message, cause);
	}

}
