package com.example.visiongateway.auth;

import java.util.List;

import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Parts;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application with caller authentication on. Each test uses its own key, so
 * quotas do not mix.
 */
@TestPropertySource(properties = { "vision.auth.enabled=true", "vision.auth.requests-per-minute=4",
		"vision.auth.images-per-minute=3" })
class AuthIntegrationTests extends GatewayIntegrationTest {

	private static final List<String> CALLERS = List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace");

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> String.join(",",
				CALLERS.stream().map((name) -> name + ":" + ApiKeys.sha256Hex(keyOf(name))).toList()));
	}

	@Test
	void refusesARequestWithoutAKeyBeforeCallingGemini() {
		Reply reply = this.gateway.post("/v1/vision/caption", chelsea());

		assertProblem(reply, 401, "UNAUTHENTICATED");
		assertThat(reply.headers().getFirst("WWW-Authenticate")).isEqualTo("Bearer realm=\"vision-gateway\"");
		assertThat(stub.generateContentRequests()).isEmpty();
		assertProblem(this.gateway.get("/v1/files"), 401, "UNAUTHENTICATED");
		assertProblem(this.gateway.get("/no/such/path"), 401, "UNAUTHENTICATED");
	}

	@Test
	void refusesAWrongKeyInEitherHeader() {
		Reply wrong = this.gateway.withHeader("X-API-Key", keyOf("alice") + "x").post("/v1/vision/caption", chelsea());
		Reply wrongBearer = this.gateway.withHeader("Authorization", "Bearer " + ApiKeys.sha256Hex(keyOf("alice")))
			.get("/v1/files");

		assertProblem(wrong, 401, "UNAUTHENTICATED");
		assertThat(wrong.headers().getFirst("WWW-Authenticate")).contains("Bearer", "error=\"invalid_token\"");
		assertThat(wrong.body()).doesNotContain(keyOf("alice"));
		assertProblem(wrongBearer, 401, "UNAUTHENTICATED");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void acceptsTheRightKeyInEitherHeader() {
		Reply apiKey = this.gateway.withHeader("X-API-Key", keyOf("alice")).post("/v1/vision/caption", chelsea());
		Reply bearer = this.gateway.withHeader("Authorization", "Bearer " + keyOf("alice")).get("/v1/files");

		assertThat(apiKey.status()).as(apiKey.body()).isEqualTo(200);
		assertThat(apiKey.json().get("results").get(0).get("caption").asString()).startsWith("[stub]");
		assertThat(bearer.status()).as(bearer.body()).isEqualTo(200);
	}

	@Test
	void answersAnUnknownPathWithNotFoundOnceTheKeyIsAccepted() {
		assertProblem(this.gateway.withHeader("X-API-Key", keyOf("grace")).get("/no/such/path"), 404, "NOT_FOUND");
	}

	@Test
	void keepsHealthAndApiDocsReachableWithoutAKeyButNotMetrics() {
		// Changed by issue 13 (item 7): metrics and info were public and metrics named
		// the keys.
		this.gateway.post("/v1/vision/caption", chelsea());
		this.gateway.withHeader("X-API-Key", keyOf("alice")).get("/v1/files");

		assertThat(this.gateway.get("/actuator/health").status()).isEqualTo(200);
		assertThat(this.gateway.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertThat(this.gateway.get("/v3/api-docs").status()).isEqualTo(200);
		// The playground's files: the page asks for the key and sends it with each call
		for (String page : new String[] { "/", "/playground.js", "/playground.css", "/favicon.svg" }) {
			assertThat(this.gateway.get(page).status()).as(page).isEqualTo(200);
		}
		assertProblem(this.gateway.get("/index.htmlx"), 401, "UNAUTHENTICATED");
		assertProblem(this.gateway.get("/actuator/prometheus"), 401, "UNAUTHENTICATED");
		assertProblem(this.gateway.get("/actuator/info"), 401, "UNAUTHENTICATED");
		Reply metrics = this.gateway.withHeader("X-API-Key", keyOf("alice")).get("/actuator/prometheus");
		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("vision_auth_requests_total{outcome=\"missing_key\"")
			.contains("vision_auth_requests_total{outcome=\"accepted\"")
			.doesNotContain("key=\"")
			.doesNotContain("alice");
	}

	@Test
	void limitsRequestsPerKeyAndSaysWhenToRetry() {
		GatewayClient bob = this.gateway.withHeader("X-API-Key", keyOf("bob"));
		for (int i = 0; i < 4; i++) {
			assertThat(bob.get("/v1/files").status()).isEqualTo(200);
		}

		Reply limited = bob.get("/v1/files");

		assertProblem(limited, 429, "RATE_LIMITED");
		// 4 per minute: a token every 15 s.
		long retryAfter = Long.parseLong(limited.headers().getFirst("Retry-After"));
		assertThat(retryAfter).isBetween(1L, 15L);
		assertThat(limited.json().get("retryAfterSeconds").asLong()).isEqualTo(retryAfter);
		assertThat(limited.json().get("quota").asString()).isEqualTo("requests-per-minute");
		assertThat(this.gateway.withHeader("X-API-Key", keyOf("carol")).get("/v1/files").status())
			.as("another key has its own quota")
			.isEqualTo(200);
	}

	@Test
	void limitsImagesPerKeyCountingEverySource() {
		GatewayClient dave = this.gateway.withHeader("X-API-Key", keyOf("dave"));
		Reply two = dave.post("/v1/vision/tokens", chelsea().image("b.png", TestImages.tinyPng(1), "image/png"));
		assertThat(two.status()).as(two.body()).isEqualTo(200);

		Reply limited = dave.post("/v1/vision/tokens", chelsea().image("b.png", TestImages.tinyPng(1), "image/png"));

		assertProblem(limited, 429, "RATE_LIMITED");
		assertThat(limited.json().get("quota").asString()).isEqualTo("images-per-minute");
		assertThat(limited.json().get("actual").asInt()).isEqualTo(2);
		// 3 per minute: one token left, the second comes within 20 s.
		assertThat(Long.parseLong(limited.headers().getFirst("Retry-After"))).isBetween(1L, 20L);
		assertThat(dave.post("/v1/vision/tokens", chelsea()).status()).isEqualTo(200);
		assertProblem(dave.post("/v1/vision/tokens", parts().field("fileIds", "files/abc")), 429, "RATE_LIMITED");
	}

	@Test
	void refusesMoreImagesThanAWholeMinutesQuotaWithoutChargingThem() {
		// Issue 13, item 8: such a request went through and left the key in debt for
		// minutes.
		GatewayClient frank = this.gateway.withHeader("X-API-Key", keyOf("frank"));
		Parts five = chelsea();
		for (int i = 0; i < 4; i++) {
			five.image("tiny" + i + ".png", TestImages.tinyPng(60 + i), "image/png");
		}

		Reply tooMany = frank.post("/v1/vision/tokens", five);

		assertProblem(tooMany, 429, "RATE_LIMITED");
		assertThat(tooMany.json().get("limit").asInt()).isEqualTo(3);
		assertThat(tooMany.json().get("actual").asInt()).isEqualTo(5);
		assertThat(tooMany.headers().getFirst("Retry-After")).isNotBlank();
		Reply three = frank.post("/v1/vision/tokens", chelsea().image("b.png", TestImages.tinyPng(70), "image/png")
			.image("c.png", TestImages.tinyPng(71), "image/png"));
		assertThat(three.status()).as("nothing was charged: " + three.body()).isEqualTo(200);
	}

	@Test
	void countsAnUploadToTheFileStoreAsOneImage() {
		GatewayClient erin = this.gateway.withHeader("X-API-Key", keyOf("erin"));
		for (int i = 0; i < 3; i++) {
			Reply upload = erin.post("/v1/files",
					parts().file("file", "i" + i + ".png", TestImages.tinyPng(40 + i), "image/png"));
			assertThat(upload.status()).as(upload.body()).isBetween(200, 201);
		}

		Reply limited = erin.post("/v1/files", parts().file("file", "x.png", TestImages.tinyPng(99), "image/png"));

		assertProblem(limited, 429, "RATE_LIMITED");
		assertThat(limited.json().get("quota").asString()).isEqualTo("images-per-minute");
		assertThat(limited.json().get("actual").asInt()).isEqualTo(1);
	}

	private static Parts chelsea() {
		return parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png");
	}

	private static String keyOf(String name) {
		return "vg-test-" + name + "-0d1e2f";
	}

}
