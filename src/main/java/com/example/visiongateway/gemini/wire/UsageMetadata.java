package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Token counts; Gemini leaves out counters that are zero. {@code candidatesTokenCount} excludes thoughts. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageMetadata(int promptTokenCount, int candidatesTokenCount, int thoughtsTokenCount,
		int totalTokenCount, List<ModalityTokenCount> promptTokensDetails) {

	static final UsageMetadata NONE = new UsageMetadata(0, 0, 0, 0, List.of());

	public UsageMetadata {
		promptTokensDetails = (promptTokensDetails != null) ? List.copyOf(promptTokensDetails) : List.of();
	}

}
