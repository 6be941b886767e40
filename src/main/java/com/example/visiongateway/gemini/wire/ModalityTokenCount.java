package com.example.visiongateway.gemini.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Tokens of one modality ({@code TEXT}, {@code IMAGE}, …). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModalityTokenCount(String modality, Integer tokenCount) {

	public ModalityTokenCount {
		tokenCount = UsageMetadata.zeroIfAbsent(tokenCount);
	}

}
