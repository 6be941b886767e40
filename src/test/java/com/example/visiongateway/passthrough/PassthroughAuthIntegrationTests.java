package com.example.visiongateway.passthrough;

import java.util.Base64;

import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.KeyHashes.sha256Hex;
import static com.example.visiongateway.passthrough.GeminiModelsIntegrationTests.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pass-through with authentication on: the gateway key where Google's SDKs put an API
 * key, checked like every key, and the caller's quotas.
 */
@TestPropertySource(properties = { "vision.auth.enabled=true", "vision.auth.images-per-minute=2",
		"vision.auth.requests-per-minute=" + PassthroughAuthIntegrationTests.REQUESTS_PER_MINUTE })
class PassthroughAuthIntegrationTests extends GatewayIntegrationTest {

	static final String ALICE_KEY = "vg-pass-alice-91e2";

	static final String BOB_KEY = "vg-pass-bob-17fa";

	/** Room for what alice and bob do in all these tests; carol spends it. */
	static final int REQUESTS_PER_MINUTE = 10;

	static final String CAROL_KEY = "vg-pass-carol-5b0d";

	private static final String TEXT_ONLY = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}";

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> "alice:" + sha256Hex(ALICE_KEY) + ",bob:" + sha256Hex(BOB_KEY)
				+ ",carol:" + sha256Hex(CAROL_KEY));
	}

	@Test
	void theGatewayKeyIsTakenFromTheHeaderOrTheQueryAsSdksSendIt() {
		GoogleCalls.Answer header = new GoogleCalls(port()).withHeader("x-goog-api-key", ALICE_KEY)
			.post("/v1beta/models/gemini-3.8-flash:generateContent", TEXT_ONLY);
		GoogleCalls.Answer query = new GoogleCalls(port())
			.post("/v1beta/models/gemini-3.8-flash:generateContent?key=" + BOB_KEY, TEXT_ONLY);

		assertThat(header.status()).as(header.body()).isEqualTo(200);
		assertThat(query.status()).as(query.body()).isEqualTo(200);
		assertThat(stub.server().getAllServeEvents()).allSatisfy((event) -> assertThat(
				event.getRequest().getUrl() + event.getRequest().getHeaders() + event.getRequest().getBodyAsString())
			.doesNotContain(ALICE_KEY)
			.doesNotContain(BOB_KEY));
	}

	@Test
	void aMissingOrWrongKeyIsGooglesPermissionDenied() {
		GoogleCalls.Answer missing = new GoogleCalls(port()).post("/v1beta/models/gemini-3.8-flash:generateContent",
				TEXT_ONLY);
		GoogleCalls.Answer wrong = new GoogleCalls(port()).withHeader("x-goog-api-key", "not-a-key")
			.post("/v1beta/models/gemini-3.8-flash:generateContent", TEXT_ONLY);

		assertGoogleError(missing, 403, "PERMISSION_DENIED");
		assertGoogleError(wrong, 403, "PERMISSION_DENIED");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void inlineImagesCountAgainstTheCallersImageQuota() {
		byte[] png = TestImages.tinyPng(3);
		String three = "{\"contents\":[{\"parts\":[" + part(png) + "," + part(png) + "," + part(png) + "]}]}";

		GoogleCalls.Answer answer = new GoogleCalls(port()).withHeader("x-goog-api-key", ALICE_KEY)
			.post("/v1beta/models/gemini-3.8-flash:generateContent", three);

		assertGoogleError(answer, 429, "RESOURCE_EXHAUSTED");
		assertThat(answer.header("Retry-After")).isNotBlank();
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void theCallersRequestQuotaHoldsOnThePassThroughWithGooglesRefusal() {
		GoogleCalls carol = new GoogleCalls(port()).withHeader("x-goog-api-key", CAROL_KEY);
		for (int i = 0; i < REQUESTS_PER_MINUTE; i++) {
			GoogleCalls.Answer counted = carol.post("/v1beta/models/gemini-3.8-flash:countTokens", TEXT_ONLY);
			assertThat(counted.status()).as(counted.body()).isEqualTo(200);
		}

		GoogleCalls.Answer refused = carol.post("/v1beta/models/gemini-3.8-flash:generateContent", TEXT_ONLY);

		assertGoogleError(refused, 429, "RESOURCE_EXHAUSTED");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(refused.error().path("details").path(0).path("retryDelay").asString())
			.isEqualTo(refused.header("Retry-After") + "s");
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(stub.countTokensRequests()).hasSize(REQUESTS_PER_MINUTE);
	}

	@Test
	void anotherCallersFileIsAnsweredExactlyLikeAnUnknownOne() {
		GoogleCalls alice = new GoogleCalls(port()).withHeader("x-goog-api-key", ALICE_KEY);
		GoogleCalls bob = new GoogleCalls(port()).withHeader("x-goog-api-key", BOB_KEY);
		GoogleCalls.Answer uploaded = alice.upload("v1beta", TestImages.pngOfSize(260_000, 77), "image/png", "a.png");
		String name = uploaded.json().path("file").path("name").asString();
		String uri = uploaded.json().path("file").path("uri").asString();

		GoogleCalls.Answer got = bob.get("/v1beta/" + name);
		GoogleCalls.Answer unknown = bob.get("/v1beta/files/unknownfile1");
		GoogleCalls.Answer listed = bob.get("/v1beta/files");
		String withFile = "{\"contents\":[{\"parts\":[{\"fileData\":{\"fileUri\":\"" + uri + "\"}}]}]}";
		GoogleCalls.Answer used = bob.post("/v1beta/models/gemini-3.8-flash:generateContent", withFile);
		GoogleCalls.Answer streamed = bob.post("/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse",
				withFile);
		GoogleCalls.Answer counted = bob.post("/v1beta/models/gemini-3.8-flash:countTokens", withFile);
		GoogleCalls.Answer deleted = bob.delete("/v1beta/" + name);

		assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
		assertGoogleError(got, 403, "PERMISSION_DENIED");
		assertThat(got.body().replace(name.substring("files/".length()), "ID"))
			.isEqualTo(unknown.body().replace("unknownfile1", "ID"));
		assertThat(listed.json().path("files").findValuesAsString("name")).doesNotContain(name);
		assertGoogleError(used, 403, "PERMISSION_DENIED");
		assertGoogleError(streamed, 403, "PERMISSION_DENIED");
		assertGoogleError(counted, 403, "PERMISSION_DENIED");
		assertGoogleError(deleted, 403, "PERMISSION_DENIED");
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(stub.countTokensRequests()).isEmpty();
		assertThat(alice.get("/v1beta/" + name).status()).isEqualTo(200);
	}

	private static String part(byte[] png) {
		return "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + Base64.getEncoder().encodeToString(png)
				+ "\"}}";
	}

}
