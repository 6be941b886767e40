package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record CountTokensResponse(Integer totalTokens, List<ModalityTokenCount> promptTokensDetails) {

	public CountTokensResponse {
		totalTokens = UsageMetadata.zeroIfAbsent(totalTokens);
		promptTokensDetails = (promptTokensDetails != null) ? List.copyOf(promptTokensDetails) : List.of();
	}

}
