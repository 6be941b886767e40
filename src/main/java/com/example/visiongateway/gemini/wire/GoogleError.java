package com.example.visiongateway.gemini.wire;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A {@code google.rpc.Status}: {@code code} (HTTP status in error bodies),
 * {@code message}, {@code status} (for example RESOURCE_EXHAUSTED) and typed
 * {@code details} keyed by {@code @type}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleError(Integer code, String message, String status, List<Map<String, Object>> details) {

	public GoogleError {
		details = (details != null) ? List.copyOf(details) : List.of();
	}

}
