package com.example.visiongateway.gemini.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record SafetyRating(String category, String probability, Boolean blocked) {

	public SafetyRating {
		blocked = Boolean.TRUE.equals(blocked);
	}

}
