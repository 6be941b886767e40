package com.example.visiongateway.error;

import org.springframework.http.HttpStatus;

/**
 * The contract's machine-readable problem codes, each with its HTTP status and a stable
 * title.
 */
public enum ErrorCode {

	BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),

	UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Unauthenticated"),

	URL_NOT_ALLOWED(HttpStatus.BAD_REQUEST, "URL not allowed"),

	URL_FETCH_FAILED(HttpStatus.UNPROCESSABLE_CONTENT, "URL fetch failed"),

	FILE_NOT_FOUND(HttpStatus.NOT_FOUND, "File not found"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "Payload too large"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),

	TOO_MANY_IMAGES(HttpStatus.UNPROCESSABLE_CONTENT, "Too many images"),

	UNREADABLE_IMAGE(HttpStatus.UNPROCESSABLE_CONTENT, "Unreadable image"),

	IMAGE_TOO_LARGE(HttpStatus.UNPROCESSABLE_CONTENT, "Image too large"),

	CONTENT_BLOCKED(HttpStatus.UNPROCESSABLE_CONTENT, "Content blocked"),

	RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Rate limited"),

	UPSTREAM_ERROR(HttpStatus.BAD_GATEWAY, "Upstream error"),

	UPSTREAM_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Upstream unavailable"),

	UPSTREAM_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "Upstream timeout"),

	REQUEST_TIMEOUT(HttpStatus.REQUEST_TIMEOUT, "Request timeout"),

	OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "Overloaded"),

	MODEL_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Model unavailable");

	private final HttpStatus status;

	private final String title;

	ErrorCode(HttpStatus status, String title) {
		this.status = status;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String title() {
		return this.title;
	}

}
