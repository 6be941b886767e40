package com.example.visiongateway.api;

import com.example.visiongateway.error.ErrorCode;

import org.springframework.http.HttpStatus;

/**
 * The contract's table of HTTP statuses: the one place a problem code becomes HTTP (the
 * pass-through dresses the same codes as Google's errors in {@link GoogleErrors}).
 */
final class ProblemStatus {

	private ProblemStatus() {
	}

	static HttpStatus of(ErrorCode code) {
		return switch (code) {
			case BAD_REQUEST, URL_NOT_ALLOWED -> HttpStatus.BAD_REQUEST;
			case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
			case FILE_NOT_FOUND, NOT_FOUND -> HttpStatus.NOT_FOUND;
			case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
			case NOT_ACCEPTABLE -> HttpStatus.NOT_ACCEPTABLE;
			case REQUEST_TIMEOUT -> HttpStatus.REQUEST_TIMEOUT;
			case PAYLOAD_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
			case UNSUPPORTED_MEDIA_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
			case URL_FETCH_FAILED, TOO_MANY_IMAGES, UNREADABLE_IMAGE, IMAGE_TOO_LARGE, CONTENT_BLOCKED ->
				HttpStatus.UNPROCESSABLE_CONTENT;
			case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
			case UPSTREAM_ERROR -> HttpStatus.BAD_GATEWAY;
			case UPSTREAM_UNAVAILABLE, OVERLOADED, MODEL_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			case UPSTREAM_TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
		};
	}

}
