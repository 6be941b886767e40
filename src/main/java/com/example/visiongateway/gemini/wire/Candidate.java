package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One answer; {@code content} may be absent, for example when it was blocked or ran out
 * of tokens.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Candidate(Content content, String finishReason, List<SafetyRating> safetyRatings, Integer index) {

	public Candidate {
		index = UsageMetadata.zeroIfAbsent(index);
		content = (content != null) ? content : Content.EMPTY;
		safetyRatings = (safetyRatings != null) ? List.copyOf(safetyRatings) : List.of();
	}

}
