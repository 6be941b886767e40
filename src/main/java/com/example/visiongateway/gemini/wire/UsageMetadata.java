package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Token counts; Gemini leaves out counters that are zero. {@code candidatesTokenCount}
 * excludes thoughts.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UsageMetadata(Integer promptTokenCount, Integer candidatesTokenCount, Integer thoughtsTokenCount,
		Integer totalTokenCount, List<ModalityTokenCount> promptTokensDetails) {

	static final UsageMetadata NONE = new UsageMetadata(0, 0, 0, 0, List.of());

	// Boxed so an absent counter is null to Jackson (absent primitives fail), then zero
	// to callers
	public UsageMetadata {
		promptTokenCount = zeroIfAbsent(promptTokenCount);
		candidatesTokenCount = zeroIfAbsent(candidatesTokenCount);
		thoughtsTokenCount = zeroIfAbsent(thoughtsTokenCount);
		totalTokenCount = zeroIfAbsent(totalTokenCount);
		promptTokensDetails = (promptTokensDetails != null) ? List.copyOf(promptTokensDetails) : List.of();
	}

	static Integer zeroIfAbsent(Integer count) {
		return (count != null) ? count : 0;
	}

}
