package com.example.visiongateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Failures on the Gemini-native pass-through ({@code /gemini/**}, and its upload sessions
 * under {@code /upload/**}) in Google's own shape,
 * {@code {"error":{"code","message","status"}}} with Google's status names, so Google's
 * SDKs raise their usual exceptions. The same problems as everywhere else, only dressed
 * differently: the detail is the gateway's, never Gemini's raw body.
 */
final class GoogleErrors {

	private static final String PREFIX = "/gemini/";

	/** Where the pass-through's upload session URLs point. */
	private static final String SESSIONS = "/upload/";

	private GoogleErrors() {
	}

	/**
	 * Whether the request (or, on the container's error page, the original one) is on the
	 * pass-through.
	 */
	static boolean applies(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String uri = (original instanceof String text) ? text : request.getRequestURI();
		String path = uri.substring(Math.min(uri.length(), request.getContextPath().length()));
		return path.startsWith(PREFIX) || path.startsWith(SESSIONS);
	}

	static ResponseEntity<Object> of(VisionException ex) {
		Status status = status(ex.code());
		Map<String, Object> error = new LinkedHashMap<>();
		error.put("code", status.code());
		error.put("message", ex.detail());
		error.put("status", status.name());
		ResponseEntity.BodyBuilder response = ResponseEntity.status(status.code())
			.contentType(MediaType.APPLICATION_JSON);
		Object retryAfter = ex.properties().get("retryAfterSeconds");
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
			error.put("details", List
				.of(Map.of("@type", "type.googleapis.com/google.rpc.RetryInfo", "retryDelay", retryAfter + "s")));
		}
		return response.body(Map.of("error", error));
	}

	/** The unexpected failure, logged by the caller of this method. */
	static ResponseEntity<Object> internal() {
		return ResponseEntity.internalServerError()
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("error", Map.of("code", 500, "message",
					"The gateway failed unexpectedly; the failure was logged.", "status", "INTERNAL")));
	}

	/**
	 * Google's status for a contract code. A missing or wrong key is Google's
	 * PERMISSION_DENIED, and so is a file that is unknown or another caller's, as Gemini
	 * answers for files; limits of the request are INVALID_ARGUMENT, as Gemini's own
	 * payload limit is.
	 */
	static Status status(ErrorCode code) {
		return switch (code) {
			case UNAUTHENTICATED, FILE_NOT_FOUND -> new Status(403, "PERMISSION_DENIED");
			case NOT_FOUND, METHOD_NOT_ALLOWED -> new Status(404, "NOT_FOUND");
			case RATE_LIMITED -> new Status(429, "RESOURCE_EXHAUSTED");
			case UPSTREAM_TIMEOUT, REQUEST_TIMEOUT -> new Status(504, "DEADLINE_EXCEEDED");
			case UPSTREAM_UNAVAILABLE, OVERLOADED, MODEL_UNAVAILABLE -> new Status(503, "UNAVAILABLE");
			case UPSTREAM_ERROR -> new Status(502, "INTERNAL");
			default -> new Status(400, "INVALID_ARGUMENT");
		};
	}

	/** An HTTP status code and Google's name for it. */
	record Status(int code, String name) {
	}

}
