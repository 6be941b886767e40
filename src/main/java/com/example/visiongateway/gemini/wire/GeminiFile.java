package com.example.visiongateway.gemini.wire;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A Files API resource. {@code sizeBytes} arrives as a string (an int64 in proto JSON);
 * {@code sha256Hash} is the base64 of the hex digest text; {@code error} is set when
 * FAILED.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GeminiFile(String name, String displayName, String mimeType, String sizeBytes, Instant createTime,
		Instant updateTime, Instant expirationTime, String sha256Hash, String uri, String state, GoogleError error,
		String source) {

	public static final String ACTIVE = "ACTIVE";

	public static final String FAILED = "FAILED";

	public static final String PROCESSING = "PROCESSING";

	private static final String PREFIX = "files/";

	/** The id alone, as in {@code files/{id}}. */
	public String id() {
		return idOf(this.name);
	}

	/** The size in bytes, or -1 when Gemini did not say. */
	public long size() {
		return (this.sizeBytes != null && !this.sizeBytes.isBlank()) ? Long.parseLong(this.sizeBytes.strip()) : -1;
	}

	public boolean isActive() {
		return ACTIVE.equals(this.state);
	}

	public boolean isFailed() {
		return FAILED.equals(this.state);
	}

	/** Accepts {@code files/abc} or {@code abc} and answers {@code abc}. */
	public static String idOf(String nameOrId) {
		if (nameOrId == null) {
			return null;
		}
		return nameOrId.startsWith(PREFIX) ? nameOrId.substring(PREFIX.length()) : nameOrId;
	}

}
