package com.example.visiongateway.gemini.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An answer part; only text matters to the gateway, and {@code thought} parts are the
 * model's reasoning.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Part(String text, Boolean thought) {

	// Boxed: Jackson 3 fails on absent primitive creator properties
	public Part {
		thought = Boolean.TRUE.equals(thought);
	}

}
