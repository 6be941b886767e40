package com.example.visiongateway.task;

import com.example.visiongateway.gemini.wire.UsageMetadata;

/**
 * Token usage as the contract names it; Gemini leaves zero counts out, so absent means 0.
 */
public record Usage(int promptTokens, int outputTokens, int thoughtsTokens, int totalTokens) {

	public static final Usage NONE = new Usage(0, 0, 0, 0);

	static Usage from(UsageMetadata metadata) {
		if (metadata == null) {
			return NONE;
		}
		return new Usage(orZero(metadata.promptTokenCount()), orZero(metadata.candidatesTokenCount()),
				orZero(metadata.thoughtsTokenCount()), orZero(metadata.totalTokenCount()));
	}

	Usage plus(Usage other) {
		return new Usage(this.promptTokens + other.promptTokens, this.outputTokens + other.outputTokens,
				this.thoughtsTokens + other.thoughtsTokens, this.totalTokens + other.totalTokens);
	}

	private static int orZero(Integer value) {
		return (value != null) ? value : 0;
	}

}
