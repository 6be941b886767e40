package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.support.GatewayClient.Parts;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class VisionApiIntegrationTests extends GatewayIntegrationTest {

	@Test
	void reportsTypeAndSizeOfEverySupportedFormat() {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.image("coffee.webp", TestImages.fixture("coffee.webp"), "image/webp")
					.image("chelsea.heic", TestImages.fixture("chelsea.heic"), "image/heic")
					.image("rocket.jpg", TestImages.fixture("rocket.jpg"), "image/jpeg"));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode results = reply.json().get("results");
		assertImage(results.get(0).get("image"), "image/png", 451, 300);
		assertImage(results.get(1).get("image"), "image/webp", 600, 400);
		assertImage(results.get(2).get("image"), "image/heic", 451, 300);
		assertImage(results.get(3).get("image"), "image/jpeg", 640, 427);
		assertThat(results.get(0).get("image").get("filename").asString()).isEqualTo("chelsea.png");
		assertThat(results.get(0).get("image").get("sha256").asString()).hasSize(64);
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void reportsExifOrientationAndUprightSize() {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("r.jpg", TestImages.fixture("rocket-orientation6.jpg"), "image/jpeg"));

		JsonNode image = reply.json().get("results").get(0).get("image");
		assertThat(image.get("orientation").asInt()).isEqualTo(6);
		assertImage(image, "image/jpeg", 427, 640);
	}

	@Test
	void estimatesTokensAtTheDefaultModelsMediaResolution() {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		// Gemini 3 charges per media resolution, not per tile: 1,120 at the default HIGH.
		JsonNode tokens = reply.json().get("results").get(0).get("tokens");
		assertThat(tokens.has("tiles")).isFalse();
		assertThat(tokens.get("estimated").asInt()).isEqualTo(1120);
	}

	@Test
	void captionsEachImageThroughGemini() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.image("coffee.webp", TestImages.fixture("coffee.webp"), "image/webp"));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode body = reply.json();
		assertThat(body.get("model").asString()).isEqualTo("gemini-3.8-flash");
		assertThat(body.get("results")).hasSize(2);
		for (JsonNode result : body.get("results")) {
			assertThat(result.get("caption").asString()).startsWith("[stub]");
			assertThat(result.get("image").get("transfer").asString()).isEqualTo("INLINE");
			assertThat(result.get("usage").get("promptTokens").asInt()).isGreaterThan(258);
			assertThat(result.get("finishReason").asString()).isEqualTo("STOP");
			assertThat(result.has("labels")).isFalse();
		}
		assertThat(body.get("results").get(1).get("image").get("index").asInt()).isEqualTo(1);
		int sum = body.get("results").get(0).get("usage").get("totalTokens").asInt()
				+ body.get("results").get(1).get("usage").get("totalTokens").asInt();
		assertThat(body.get("usage").get("totalTokens").asInt()).isEqualTo(sum);
		List<JsonNode> sent = stub.generateContentRequests();
		assertThat(sent).hasSize(2);
		JsonNode parts = sent.get(0).get("contents").get(0).get("parts");
		assertThat(parts.get(0).get("inlineData").get("mimeType").asString()).isIn("image/png", "image/webp");
		assertThat(parts.get(1).get("text").asString()).contains("caption");
	}

	@Test
	void classifiesWithTheCallersLabelsAsSchemaEnum() {
		Reply reply = this.gateway.post("/v1/vision/classify",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("labels", "cat")
					.field("labels", "dog")
					.field("labels", "coffee"));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("results").get(0).get("labels").get(0).asString()).isEqualTo("cat");
		JsonNode config = stub.generateContentRequests().get(0).get("generationConfig");
		assertThat(config.get("responseMimeType").asString()).isEqualTo("application/json");
		assertThat(config.get("responseJsonSchema").get("enum").toString()).isEqualTo("[\"cat\",\"dog\",\"coffee\"]");
	}

	@Test
	void refusesClassifyWithFewerThanTwoLabels() {
		Reply reply = this.gateway.post("/v1/vision/classify",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png").field("labels", "cat"));

		assertProblem(reply, 400, "BAD_REQUEST");
	}

	@Test
	void answersOneQuestionAboutAllImages() {
		Reply reply = this.gateway.post("/v1/vision/ask",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.image("coffee.webp", TestImages.fixture("coffee.webp"), "image/webp")
					.field("question", "Which picture shows an animal?"));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("answer").asString()).startsWith("[stub]");
		assertThat(reply.json().get("images")).hasSize(2);
		List<JsonNode> sent = stub.generateContentRequests();
		assertThat(sent).hasSize(1);
		JsonNode parts = sent.get(0).get("contents").get(0).get("parts");
		assertThat(parts).hasSize(3);
		assertThat(parts.get(2).get("text").asString()).isEqualTo("Which picture shows an animal?");
	}

	@Test
	void passesTheSystemInstruction() {
		this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("systemInstruction", "Answer in French."));

		JsonNode sent = stub.generateContentRequests().get(0);
		assertThat(sent.get("systemInstruction").get("parts").get(0).get("text").asString())
			.isEqualTo("Answer in French.");
	}

	@Test
	void refusesGifNamingDetectedAndAllowedTypes() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("x.gif", TestImages.fixture("unsupported.gif"), "image/gif"));

		assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
		assertThat(reply.json().get("detectedMimeType").asString()).isEqualTo("image/gif");
		assertThat(reply.json().get("allowedMimeTypes").toString()).contains("image/png", "image/heif");
		assertThat(reply.json().get("detail").asString()).contains("image/gif");
	}

	@Test
	void refusesPngDeclaredAsJpeg() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.jpg", TestImages.fixture("chelsea.png"), "image/jpeg"));

		assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void refusesTruncatedAndEmptyImages() {
		assertProblem(
				this.gateway.post("/v1/vision/caption",
						parts().image("t.jpg", TestImages.fixture("truncated.jpg"), "image/jpeg")),
				422, "UNREADABLE_IMAGE");
		assertProblem(this.gateway.post("/v1/vision/caption", parts().image("empty.png", new byte[0], "image/png")),
				422, "UNREADABLE_IMAGE");
	}

	@Test
	void refusesDecompressionBombFromItsHeader() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("bomb.png", TestImages.pngHeader(30000, 30000), "image/png"));

		assertProblem(reply, 422, "IMAGE_TOO_LARGE");
		assertThat(reply.json().get("actual").asLong()).isEqualTo(900_000_000L);
	}

	@Test
	void refusesMoreThan3600ImagesBeforeAnyUpstreamCall() {
		Parts parts = parts();
		byte[] tiny = TestImages.tinyPng(7);
		for (int i = 0; i < 3601; i++) {
			parts.image("i" + i + ".png", tiny, "image/png");
		}
		parts.field("question", "How many?");

		Reply reply = this.gateway.post("/v1/vision/ask", parts);

		assertProblem(reply, 422, "TOO_MANY_IMAGES");
		assertThat(reply.json().get("limit").asInt()).isEqualTo(3600);
		assertThat(reply.json().get("actual").asInt()).isEqualTo(3601);
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void asksAbout3600ImagesInOneGenerateContent() {
		Parts parts = parts();
		for (int i = 0; i < 3600; i++) {
			parts.image("i" + i + ".png", TestImages.tinyPng(i), "image/png");
		}
		parts.field("question", "How many pictures are there?");

		Reply reply = this.gateway.post("/v1/vision/ask", parts);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("images")).hasSize(3600);
		List<JsonNode> sent = stub.generateContentRequests();
		assertThat(sent).hasSize(1);
		JsonNode sentParts = sent.get(0).get("contents").get(0).get("parts");
		assertThat(sentParts).hasSize(3601);
		assertThat(sentParts.get(3599).has("inlineData")).isTrue();
	}

	@Test
	void refusesUnknownModelAndMissingImages() {
		Reply unknown = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png").field("model", "gpt-4o"));
		assertProblem(unknown, 400, "BAD_REQUEST");
		assertThat(unknown.json().get("detail").asString()).contains("gpt-4o", "gemini-3.8-flash");

		assertProblem(this.gateway.post("/v1/vision/caption", parts().field("prompt", "hi")), 400, "BAD_REQUEST");
	}

	@Test
	void refusesUnknownParts() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png").field("promt", "typo"));

		assertProblem(reply, 400, "BAD_REQUEST");
		assertThat(reply.json().get("unknownParts").toString()).contains("promt");
	}

	@Test
	void mapsBlockedPromptToContentBlocked() {
		stub.answer(
				"""
						{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT",
						"probability":"HIGH","blocked":true}]},"usageMetadata":{"promptTokenCount":270,"totalTokenCount":270}}""");

		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertProblem(reply, 422, "CONTENT_BLOCKED");
		assertThat(reply.json().get("reason").asString()).isEqualTo("SAFETY");
		assertThat(reply.json().get("category").asString()).isEqualTo("HARM_CATEGORY_DANGEROUS_CONTENT");
	}

	@Test
	void keepsOtherResultsWhenOneImageIsBlocked() {
		stub.answer("""
				{"candidates":[{"content":{"parts":[]},"finishReason":"SAFETY","index":0}]}""");

		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("a.png", TestImages.fixture("chelsea.png"), "image/png")
					.image("b.webp", TestImages.fixture("coffee.webp"), "image/webp"));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode error = reply.json().get("results").get(1).get("error");
		assertThat(error.get("code").asString()).isEqualTo("CONTENT_BLOCKED");
		assertThat(error.get("imageIndex").asInt()).isEqualTo(1);
	}

	@Test
	void mapsUpstreamFailuresToTheContract(CapturedOutput output) {
		stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded.");
		Reply limited = captionChelsea();
		assertProblem(limited, 429, "RATE_LIMITED");
		assertThat(limited.headers().getFirst("Retry-After")).isNotBlank();

		stub.reset();
		stub.failWith(500, "INTERNAL", "An internal error has occurred.");
		assertProblem(captionChelsea(), 502, "UPSTREAM_ERROR");

		stub.reset();
		stub.failWith(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
		Reply unavailable = captionChelsea();
		assertProblem(unavailable, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(unavailable.headers().getFirst("Retry-After")).isNotBlank();

		assertThat(output.getAll()).doesNotContain(GEMINI_KEY);
		assertThat(limited.body() + unavailable.body()).doesNotContain(GEMINI_KEY);
	}

	@Test
	void passesNoneOfGooglesQuotaTextToCallers() {
		// Issue 13, item 9: Google's 429 text (project number, quota names and limits)
		// reached callers verbatim.
		stub.failWith(429, "RESOURCE_EXHAUSTED",
				"Quota exceeded for quota metric 'Generate Content API requests per "
						+ "minute' and limit 'GenerateContent request limit per minute' of service 'generativelanguage."
						+ "googleapis.com' for consumer 'project_number:123456789'.");

		Reply limited = captionChelsea();

		assertProblem(limited, 429, "RATE_LIMITED");
		assertThat(Long.parseLong(limited.headers().getFirst("Retry-After"))).isPositive();
		assertThat(limited.body()).doesNotContain("123456789", "quota metric", "generativelanguage", "Quota exceeded");
	}

	private Reply captionChelsea() {
		return this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
	}

	static void assertImage(JsonNode image, String mimeType, int width, int height) {
		assertThat(image.get("mimeType").asString()).isEqualTo(mimeType);
		assertThat(image.get("width").asInt()).isEqualTo(width);
		assertThat(image.get("height").asInt()).isEqualTo(height);
	}

}
