package com.example.visiongateway.passthrough;

import java.util.ArrayList;
import java.util.List;

import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.genai.Client;
import com.google.genai.ResponseStream;
import com.google.genai.errors.ClientException;
import com.google.genai.types.Content;
import com.google.genai.types.CountTokensResponse;
import com.google.genai.types.File;
import com.google.genai.types.GenerateContentResponse;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.ListFilesConfig;
import com.google.genai.types.Part;
import com.google.genai.types.UploadFileConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.KeyHashes.sha256Hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Google's own Java SDK ({@code com.google.genai:google-genai}) with the gateway's
 * {@code /gemini} as its base URL and a gateway key as its API key, the gateway in front
 * of the project's stub: what an internal service would do, end to end, for both API
 * versions.
 */
@TestPropertySource(properties = "vision.auth.enabled=true")
class GoogleGenAiSdkIntegrationTests extends GatewayIntegrationTest {

	private static final String ALICE_KEY = PassthroughAuthIntegrationTests.ALICE_KEY;

	private static final String BOB_KEY = PassthroughAuthIntegrationTests.BOB_KEY;

	private static final String MODEL = "gemini-3.8-flash";

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> "alice:" + sha256Hex(ALICE_KEY) + ",bob:" + sha256Hex(BOB_KEY));
	}

	private Client sdk(String key, String version) {
		return Client.builder()
			.apiKey(key)
			.httpOptions(
					HttpOptions.builder().baseUrl("http://127.0.0.1:" + port() + "/gemini").apiVersion(version).build())
			.build();
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1beta", "v1" })
	void generateStreamAndCountTokensWithAnInlineImage(String version) {
		byte[] png = TestImages.fixture("chelsea.png");
		Content content = Content.fromParts(Part.fromBytes(png, "image/png"), Part.fromText("What is this?"));
		try (Client client = sdk(ALICE_KEY, version)) {
			GenerateContentResponse answer = client.models.generateContent(MODEL, content, null);
			List<GenerateContentResponse> chunks = new ArrayList<>();
			try (ResponseStream<GenerateContentResponse> stream = client.models.generateContentStream(MODEL, content,
					null)) {
				stream.forEach(chunks::add);
			}
			CountTokensResponse tokens = client.models.countTokens(MODEL, List.of(content), null);

			assertThat(answer.text()).startsWith("[stub]").contains("1 image(s)");
			assertThat(chunks).isNotEmpty();
			assertThat(chunks.get(chunks.size() - 1).finishReason().toString()).isEqualTo("STOP");
			assertThat(String.join("", chunks.stream().map(GenerateContentResponse::text).toList()))
				.startsWith("[stub]");
			assertThat(tokens.totalTokens()).hasValueSatisfying((total) -> assertThat(total).isPositive());
		}
		assertKeysStayedApart();
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1beta", "v1" })
	void filesUploadedInChunksAreGotUsedListedAndDeleted(String version) {
		// 25 MB: more than one of the SDK's 8 MB chunks
		byte[] large = TestImages.pngOfSize(25 * 1024 * 1024, version.length());
		try (Client alice = sdk(ALICE_KEY, version); Client bob = sdk(BOB_KEY, version)) {
			File uploaded = alice.files.upload(large,
					UploadFileConfig.builder().mimeType("image/png").displayName("big.png").build());
			String name = uploaded.name().orElseThrow();
			File got = alice.files.get(name, null);
			GenerateContentResponse used = alice.models.generateContent(MODEL,
					Content.fromParts(Part.fromUri(got.uri().orElseThrow(), "image/png"), Part.fromText("and this?")),
					null);
			List<String> listed = new ArrayList<>();
			alice.files.list(ListFilesConfig.builder().pageSize(10).build())
				.forEach((file) -> listed.add(file.name().orElse("")));

			assertThat(got.state().map(Object::toString)).hasValue("ACTIVE");
			assertThat(got.displayName()).hasValue("big.png");
			assertThat(got.sizeBytes()).hasValue((long) large.length);
			assertThat(used.text()).startsWith("[stub]");
			assertThat(listed).contains(name);
			assertThatExceptionOfType(ClientException.class).isThrownBy(() -> bob.files.get(name, null))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(403));

			alice.files.delete(name, null);

			assertThatExceptionOfType(ClientException.class).isThrownBy(() -> alice.files.get(name, null))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(403));
		}
		assertThat(stub.uploadCount()).isEqualTo(1);
		assertKeysStayedApart();
	}

	@ParameterizedTest
	@ValueSource(strings = { "v1beta", "v1" })
	void aWrongKeyGivesTheSdksUsualPermissionError(String version) {
		try (Client client = sdk("not-a-gateway-key", version)) {
			assertThatExceptionOfType(ClientException.class)
				.isThrownBy(() -> client.models.generateContent(MODEL, "hello", null))
				.satisfies((ex) -> {
					assertThat(ex.code()).isEqualTo(403);
					assertThat(ex.status()).isEqualTo("PERMISSION_DENIED");
				});
		}
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	/**
	 * The gateway called Gemini with its own key only, and no caller's key went along.
	 */
	private static void assertKeysStayedApart() {
		List<ServeEvent> events = stub.server().getAllServeEvents();
		assertThat(events).isNotEmpty().allSatisfy((event) -> {
			String seen = event.getRequest().getUrl() + event.getRequest().getHeaders();
			assertThat(seen).doesNotContain(ALICE_KEY).doesNotContain(BOB_KEY);
		});
		assertThat(events).filteredOn((event) -> !event.getRequest().getUrl().contains("upload_id="))
			.allSatisfy((event) -> assertThat(event.getRequest().getHeader("x-goog-api-key")).isEqualTo(GEMINI_KEY));
	}

}
