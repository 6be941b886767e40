package com.example.visiongateway.gemini.wire;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateContentResponseTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void joinsTheFirstCandidatesTextPartsWithoutThoughts() {
		GenerateContentResponse response = JSON.readValue("""
				{"candidates":[{"content":{"parts":[{"text":"plan","thought":true},{"text":"[{\\"box_2d\\""},
				{"inlineData":{"mimeType":"image/png","data":"AA=="}},{"text":":[1,2,3,4]}]"}]},"finishReason":"STOP"},
				{"content":{"parts":[{"text":"second candidate"}]}}]}""", GenerateContentResponse.class);

		assertThat(response.text()).isEqualTo("[{\"box_2d\":[1,2,3,4]}]");
	}

	@Test
	void readsAMaxTokensAnswerWithoutContent() {
		GenerateContentResponse response = JSON.readValue(
				"{\"candidates\":[{\"finishReason\":\"MAX_TOKENS\",\"index\":0}],\"usageMetadata\":{\"thoughtsTokenCount\":1024}}",
				GenerateContentResponse.class);

		assertThat(response.text()).isEmpty();
		assertThat(response.firstCandidate().orElseThrow().finishReason()).isEqualTo("MAX_TOKENS");
		assertThat(response.usageMetadata().thoughtsTokenCount()).isEqualTo(1024);
		assertThat(response.usageMetadata().promptTokenCount()).isZero();
	}

	@Test
	void toleratesExplicitNullsAndUnknownFields() {
		GenerateContentResponse response = JSON.readValue("""
				{"candidates":[{"content":{"parts":[{"text":"ok","thought":null,"thoughtSignature":"x"}]},
				"index":null,"avgLogprobs":-0.1}],"usageMetadata":{"promptTokenCount":null,"cacheTokensDetails":[]},
				"createTime":"2026-01-01T00:00:00Z"}""", GenerateContentResponse.class);

		assertThat(response.text()).isEqualTo("ok");
		assertThat(response.usageMetadata().promptTokenCount()).isZero();
		assertThat(response.promptFeedback()).isNull();
	}

	@Test
	void readsAFileResourceWithItsStringSize() {
		GeminiFile file = JSON.readValue("""
				{"name":"files/abc-123","sizeBytes":"3000000000","state":"FAILED",
				"error":{"code":3,"message":"bad image"},"videoMetadata":{}}""", GeminiFile.class);

		assertThat(file.id()).isEqualTo("abc-123");
		assertThat(file.size()).isEqualTo(3_000_000_000L);
		assertThat(file.isFailed()).isTrue();
		assertThat(file.error().message()).isEqualTo("bad image");
		assertThat(GeminiFile.idOf("abc-123")).isEqualTo("abc-123");
	}

}
