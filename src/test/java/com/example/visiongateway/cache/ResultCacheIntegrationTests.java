package com.example.visiongateway.cache;

import java.time.Duration;

import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Parts;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.MovableClock;
import com.example.visiongateway.support.MovableClockConfiguration;
import com.example.visiongateway.support.TestImages;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.KeyHashes.sha256Hex;
import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The result cache in memory (issue 15) over HTTP against the stub: what is a hit, what
 * is stored, and what a hit answers. Each test sends images of its own, so answers one
 * test stored are never another's hits.
 */
@TestPropertySource(properties = { "vision.cache.enabled=true", "vision.cache.ttl=1h",
		"vision.cache.max-entry-size=16KB", "vision.auth.enabled=true" })
@Import(MovableClockConfiguration.class)
class ResultCacheIntegrationTests extends GatewayIntegrationTest {

	private static final String ALICE = "alice-key-15";

	private static final String BOB = "bob-key-15";

	@Autowired
	private MovableClock clock;

	@Autowired
	private MeterRegistry meters;

	private GatewayClient alice;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> "alice:" + sha256Hex(ALICE) + ",bob:" + sha256Hex(BOB));
	}

	@BeforeEach
	void asAlice() {
		this.alice = this.gateway.withHeader("X-API-Key", ALICE);
	}

	@Test
	void aRepeatedRequestIsAnsweredFromTheCacheWithTheStoredUsageAndNoGeminiCall() {
		Parts request = parts().image("cat.png", TestImages.tinyPng(1), "image/png");

		Reply miss = this.alice.post("/v1/vision/caption", request);
		Reply hit = this.alice.post("/v1/vision/caption", request);

		assertThat(miss.status()).as(miss.body()).isEqualTo(200);
		assertThat(miss.headers().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(hit.status()).as(hit.body()).isEqualTo(200);
		assertThat(hit.headers().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(stub.generateContentRequests()).hasSize(1);
		assertThat(miss.json().get("usage").get("totalTokens").asInt()).isPositive();
		assertThat(hit.json()).isEqualTo(miss.json());
	}

	@Test
	void aHitDescribesTheImagesOfTheRequestThatAsked() {
		byte[] image = TestImages.tinyPng(2);
		this.alice.post("/v1/vision/caption", parts().image("first-name.png", image, "image/png"));

		Reply hit = this.alice.post("/v1/vision/caption", parts().image("second-name.png", image, "image/png"));

		assertThat(hit.headers().getFirst("X-Cache")).isEqualTo("HIT");
		JsonNode described = hit.json().get("results").get(0).get("image");
		assertThat(described.get("filename").asString()).isEqualTo("second-name.png");
		assertThat(described.get("index").asInt()).isZero();
		assertThat(described.get("sizeBytes").asLong()).isEqualTo(image.length);
	}

	@Test
	void noCacheIsAnsweredByGeminiAndStoredForTheNextRequest() {
		Parts request = parts().image("cat.png", TestImages.tinyPng(3), "image/png");
		this.alice.post("/v1/vision/caption", request);
		stub.answerText("A fresher caption.");

		Reply fresh = this.alice.withHeader("Cache-Control", "max-age=0, No-Cache").post("/v1/vision/caption", request);
		Reply next = this.alice.post("/v1/vision/caption", request);

		assertThat(fresh.headers().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(fresh.json().get("results").get(0).get("caption").asString()).isEqualTo("A fresher caption.");
		assertThat(next.headers().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(next.json().get("results").get(0).get("caption").asString()).isEqualTo("A fresher caption.");
		assertThat(stub.generateContentRequests()).hasSize(2);
		assertThat(this.meters.get("vision.cache.requests").tag("result", "bypass").counter().count()).isPositive();
	}

	@Test
	void anotherParameterModelImageOrderOrTenantIsAMiss() {
		byte[] first = TestImages.tinyPng(4);
		byte[] second = TestImages.tinyPng(5);
		this.alice.post("/v1/vision/caption",
				parts().image("a.png", first, "image/png").image("b.png", second, "image/png"));

		Reply otherPrompt = this.alice.post("/v1/vision/caption",
				parts().image("a.png", first, "image/png")
					.image("b.png", second, "image/png")
					.field("prompt", "Name the colour."));
		Reply otherModel = this.alice.post("/v1/vision/caption",
				parts().image("a.png", first, "image/png")
					.image("b.png", second, "image/png")
					.field("model", "gemini-3.5-flash-lite"));
		Reply otherOrder = this.alice.post("/v1/vision/caption",
				parts().image("b.png", second, "image/png").image("a.png", first, "image/png"));
		Reply otherTenant = this.gateway.withHeader("X-API-Key", BOB)
			.post("/v1/vision/caption", parts().image("a.png", first, "image/png").image("b.png", second, "image/png"));
		Reply otherEndpoint = this.alice.post("/v1/vision/classify",
				parts().image("a.png", first, "image/png")
					.image("b.png", second, "image/png")
					.field("labels", "cat")
					.field("labels", "dog"));

		for (Reply reply : new Reply[] { otherPrompt, otherModel, otherOrder, otherTenant, otherEndpoint }) {
			assertThat(reply.status()).as(reply.body()).isEqualTo(200);
			assertThat(reply.headers().getFirst("X-Cache")).isEqualTo("MISS");
		}
		// Two images a request, one call each
		assertThat(stub.generateContentRequests()).hasSize(12);
	}

	@Test
	void anAnswerCutShortIsNotStored() {
		stub.answer("""
				{"candidates":[{"content":{"role":"model","parts":[{"text":"A cat sitting on"}]},
				"finishReason":"MAX_TOKENS","index":0}],
				"usageMetadata":{"promptTokenCount":260,"candidatesTokenCount":4,"totalTokenCount":264}}""");
		Parts request = parts().image("cat.png", TestImages.tinyPng(6), "image/png");

		Reply first = this.alice.post("/v1/vision/caption", request);
		Reply second = this.alice.post("/v1/vision/caption", request);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("results").get(0).get("finishReason").asString()).isEqualTo("MAX_TOKENS");
		assertThat(second.headers().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(stub.generateContentRequests()).hasSize(2);
	}

	@Test
	void anAnswerWithAFailedImageIsNotStored() {
		stub.answer(
				"""
						{"candidates":[{"finishReason":"SAFETY","index":0,
						"safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]}]}""");
		Parts request = parts().image("a.png", TestImages.tinyPng(7), "image/png")
			.image("b.png", TestImages.tinyPng(8), "image/png");

		Reply first = this.alice.post("/v1/vision/caption", request);
		stub.answerText("Two cats.");
		Reply second = this.alice.post("/v1/vision/caption", request);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(first.json().get("results").get(0).get("error").get("code").asString()).isEqualTo("CONTENT_BLOCKED");
		assertThat(second.headers().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(second.json().get("results").get(0).get("caption").asString()).isEqualTo("Two cats.");
		assertThat(stub.generateContentRequests()).hasSize(4);
	}

	@Test
	void anAnswerLargerThanTheEntryLimitIsNotStored() {
		stub.answerText("A very long caption. ".repeat(1000));
		Parts request = parts().image("cat.png", TestImages.tinyPng(9), "image/png");

		this.alice.post("/v1/vision/caption", request);
		Reply second = this.alice.post("/v1/vision/caption", request);

		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertThat(second.headers().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(stub.generateContentRequests()).hasSize(2);
		assertThat(this.meters.get("vision.cache.stores").tag("outcome", "too_large").counter().count()).isPositive();
	}

	@Test
	void aStoredAnswerExpiresAfterTheTtl() {
		Parts request = parts().image("cat.png", TestImages.tinyPng(10), "image/png");
		this.alice.post("/v1/vision/caption", request);
		this.clock.advance(Duration.ofMinutes(59));
		Reply before = this.alice.post("/v1/vision/caption", request);
		this.clock.advance(Duration.ofMinutes(2));

		Reply after = this.alice.post("/v1/vision/caption", request);

		assertThat(before.headers().getFirst("X-Cache")).isEqualTo("HIT");
		assertThat(after.headers().getFirst("X-Cache")).isEqualTo("MISS");
		assertThat(stub.generateContentRequests()).hasSize(2);
	}

	@Test
	void segmentationMasksOfEveryFormAreAnsweredFromTheCacheAsGeminiAnsweredThem() {
		byte[] coffee = TestImages.fixture("coffee.png");
		for (String format : new String[] { "rle", "png", "polygon" }) {
			Parts request = parts().image("coffee.png", coffee, "image/png").field("maskFormat", format);

			Reply miss = this.alice.post("/v1/vision/segment", request);
			Reply hit = this.alice.post("/v1/vision/segment", request);

			assertThat(miss.status()).as(miss.body()).isEqualTo(200);
			assertThat(miss.json().get("results").get(0).get("detections").get(0).has("mask")).isTrue();
			assertThat(hit.headers().getFirst("X-Cache")).as(format).isEqualTo("HIT");
			assertThat(hit.json()).as(format).isEqualTo(miss.json());
		}
		assertThat(stub.generateContentRequests()).hasSize(3);
	}

	@Test
	void classifyDetectAndAskAreCachedToo() {
		byte[] image = TestImages.tinyPng(11);

		assertRepeatIsHit("classify",
				parts().image("cat.png", image, "image/png").field("labels", "cat").field("labels", "dog"));
		assertRepeatIsHit("detect", parts().image("cat.png", image, "image/png"));
		assertRepeatIsHit("ask", parts().image("cat.png", image, "image/png").field("question", "What is it?"));

		assertThat(stub.generateContentRequests()).hasSize(3);
	}

	@Test
	void tokensConsultNoCache() {
		Reply reply = this.alice.post("/v1/vision/tokens",
				parts().image("cat.png", TestImages.tinyPng(12), "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.headers().containsHeader("X-Cache")).isFalse();
	}

	private void assertRepeatIsHit(String endpoint, Parts request) {
		Reply miss = this.alice.post("/v1/vision/" + endpoint, request);
		Reply hit = this.alice.post("/v1/vision/" + endpoint, request);

		assertThat(miss.status()).as(miss.body()).isEqualTo(200);
		assertThat(miss.headers().getFirst("X-Cache")).as(endpoint).isEqualTo("MISS");
		assertThat(hit.headers().getFirst("X-Cache")).as(endpoint).isEqualTo("HIT");
		assertThat(hit.json()).as(endpoint).isEqualTo(miss.json());
	}

}
