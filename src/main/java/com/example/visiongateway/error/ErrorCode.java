package com.example.visiongateway.error;

/**
 * The contract's machine-readable problem codes, each with a stable title. No HTTP here:
 * the API maps each code to its status in one table ({@code api.ProblemStatus}), and the
 * pass-through to Google's.
 */
public enum ErrorCode {

	BAD_REQUEST("Bad request"),

	UNAUTHENTICATED("Unauthenticated"),

	URL_NOT_ALLOWED("URL not allowed"),

	URL_FETCH_FAILED("URL fetch failed"),

	FILE_NOT_FOUND("File not found"),

	NOT_ACCEPTABLE("Not acceptable"),

	NOT_FOUND("Not found"),

	METHOD_NOT_ALLOWED("Method not allowed"),

	PAYLOAD_TOO_LARGE("Payload too large"),

	UNSUPPORTED_MEDIA_TYPE("Unsupported media type"),

	TOO_MANY_IMAGES("Too many images"),

	UNREADABLE_IMAGE("Unreadable image"),

	IMAGE_TOO_LARGE("Image too large"),

	CONTENT_BLOCKED("Content blocked"),

	RATE_LIMITED("Rate limited"),

	UPSTREAM_ERROR("Upstream error"),

	UPSTREAM_UNAVAILABLE("Upstream unavailable"),

	UPSTREAM_TIMEOUT("Upstream timeout"),

	REQUEST_TIMEOUT("Request timeout"),

	OVERLOADED("Overloaded"),

	MODEL_UNAVAILABLE("Model unavailable");

	private final String title;

	ErrorCode(String title) {
		this.title = title;
	}

	public String title() {
		return this.title;
	}

}
