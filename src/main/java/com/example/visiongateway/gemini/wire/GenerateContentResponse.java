package com.example.visiongateway.gemini.wire;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Gemini's answer to {@code generateContent}. A refused prompt has no candidates and a
 * {@code promptFeedback.blockReason}; missing usage counters read as zero.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GenerateContentResponse(List<Candidate> candidates, PromptFeedback promptFeedback,
		UsageMetadata usageMetadata, String modelVersion, String responseId) {

	public GenerateContentResponse {
		candidates = (candidates != null) ? List.copyOf(candidates) : List.of();
		usageMetadata = (usageMetadata != null) ? usageMetadata : UsageMetadata.NONE;
	}

	public Optional<Candidate> firstCandidate() {
		return this.candidates.stream().findFirst();
	}

	/**
	 * The first candidate's answer text: its text parts joined, thoughts left out; empty
	 * when there is none.
	 */
	public String text() {
		return firstCandidate().map(Candidate::content)
			.map((content) -> content.parts()
				.stream()
				.filter((part) -> !part.thought() && part.text() != null)
				.map(Part::text)
				.collect(Collectors.joining()))
			.orElse("");
	}

}
