package com.example.visiongateway.stub;

import tools.jackson.databind.JsonNode;

/**
 * A failure answered in Google's shape:
 * {@code {"error":{"code","message","status","details"?}}}. Thrown anywhere inside the
 * stub and rendered once by the extension.
 */
final class GoogleError extends RuntimeException {

	private final int code;

	private final String status;

	private final JsonNode details;

	GoogleError(int code, String status, String message) {
		this(code, status, message, null);
	}

	GoogleError(int code, String status, String message, JsonNode details) {
		super(message, null, false, false);
		this.code = code;
		this.status = status;
		this.details = details;
	}

	static GoogleError invalidArgument(String message) {
		return new GoogleError(400, "INVALID_ARGUMENT", message);
	}

	static GoogleError permissionDenied(String message) {
		return new GoogleError(403, "PERMISSION_DENIED", message);
	}

	static GoogleError notFound(String message) {
		return new GoogleError(404, "NOT_FOUND", message);
	}

	int code() {
		return this.code;
	}

	String status() {
		return this.status;
	}

	JsonNode details() {
		return this.details;
	}

}
