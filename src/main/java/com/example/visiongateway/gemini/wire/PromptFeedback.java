package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Why a prompt was refused outright ({@code blockReason}: SAFETY, OTHER, BLOCKLIST, …),
 * when it was.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PromptFeedback(String blockReason, List<SafetyRating> safetyRatings) {

	public PromptFeedback {
		safetyRatings = (safetyRatings != null) ? List.copyOf(safetyRatings) : List.of();
	}

}
