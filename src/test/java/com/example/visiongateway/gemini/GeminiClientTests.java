package com.example.visiongateway.gemini;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.gemini.wire.CountTokensResponse;
import com.example.visiongateway.gemini.wire.FileList;
import com.example.visiongateway.gemini.wire.GeminiFile;
import com.example.visiongateway.gemini.wire.GenerateContentResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class GeminiClientTests {

	private static final String KEY = "test-client-key-0123456789";

	private static final String GENERATE = "/v1beta/models/gemini-3.8-flash:generateContent";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Throwable> failures = new ArrayList<>();

	private final List<GeminiClient> clients = new ArrayList<>();

	private WireMockServer server;

	private GeminiClient client;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		this.client = client(Duration.ofSeconds(5), DataSize.ofMegabytes(8), Duration.ofSeconds(5));
	}

	@AfterEach
	void keyNeverAppearsInAnyFailureAndStopServer() {
		this.clients.forEach(GeminiClient::close);
		this.server.stop();
		for (Throwable failure : this.failures) {
			for (Throwable current = failure; current != null; current = current.getCause()) {
				assertThat(current.toString()).doesNotContain(KEY);
			}
		}
	}

	@Test
	void sendsGenerateContentWithTheKeyHeaderAndAnExactContentLength() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(okJson(answer())));
		TestByteSource image = TestByteSource.random(200_000);
		GenerateContentRequest request = new GenerateContentRequest(
				List.of(new InlineImagePart(image, "image/png"), new TextPart("What is this?")), "Be brief",
				Map.of("responseMimeType", "application/json"), null);

		GenerateContentResponse response = this.client.generateContent("gemini-3.8-flash", request).block();

		assertThat(response.text()).isEqualTo("A rocket on its pad.");
		assertThat(response.firstCandidate().orElseThrow().finishReason()).isEqualTo("STOP");
		assertThat(response.usageMetadata().promptTokenCount()).isEqualTo(270);
		assertThat(response.usageMetadata().thoughtsTokenCount()).isEqualTo(12);
		assertThat(response.usageMetadata().promptTokensDetails().get(0).modality()).isEqualTo("IMAGE");
		assertThat(response.modelVersion()).isEqualTo("gemini-3.8-flash");
		LoggedRequest sent = single(postRequestedFor(urlPathEqualTo(GENERATE)));
		assertThat(sent.getHeader("x-goog-api-key")).isEqualTo(KEY);
		assertThat(sent.getAbsoluteUrl()).doesNotContain(KEY).doesNotContain("key=");
		assertThat(sent.containsHeader("Transfer-Encoding")).isFalse();
		assertThat(Long.parseLong(sent.getHeader("Content-Length"))).isEqualTo(sent.getBody().length)
			.isEqualTo(GenerateContentBody.contentLength(request));
		JsonNode body = JSON.readTree(sent.getBody());
		assertThat(body.get("systemInstruction").get("parts").get(0).get("text").asString()).isEqualTo("Be brief");
		assertThat(body.get("generationConfig").get("responseMimeType").asString()).isEqualTo("application/json");
		JsonNode parts = body.get("contents").get(0).get("parts");
		assertThat(parts.get(0).get("inlineData").get("mimeType").asString()).isEqualTo("image/png");
		assertThat(Base64.getDecoder().decode(parts.get(0).get("inlineData").get("data").asString()))
			.isEqualTo(image.bytes());
		assertThat(parts.get(1).get("text").asString()).isEqualTo("What is this?");
		assertThat(image.closed).hasValue(image.opened.get());
	}

	@Test
	void readsABlockedPromptAndMissingUsageCountersAsZero() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(
				okJson("""
						{"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[{"category":"HARM_CATEGORY_DANGEROUS_CONTENT",
						"probability":"HIGH","blocked":true}]},"usageMetadata":{"promptTokenCount":8},"someNewField":{"x":1}}""")));

		GenerateContentResponse response = this.client
			.generateContent("gemini-3.8-flash", GenerateContentRequest.of(new TextPart("?")))
			.block();

		assertThat(response.candidates()).isEmpty();
		assertThat(response.text()).isEmpty();
		assertThat(response.promptFeedback().blockReason()).isEqualTo("SAFETY");
		assertThat(response.promptFeedback().safetyRatings().get(0).blocked()).isTrue();
		assertThat(response.usageMetadata().promptTokenCount()).isEqualTo(8);
		assertThat(response.usageMetadata().candidatesTokenCount()).isZero();
		assertThat(response.usageMetadata().totalTokenCount()).isZero();
	}

	@Test
	void countsTokensSendingTheContentsOnly() {
		this.server.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-3.8-flash:countTokens")).willReturn(okJson(
				"{\"totalTokens\":262,\"promptTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":258},{\"modality\":\"TEXT\",\"tokenCount\":4}]}")));
		GenerateContentRequest request = new GenerateContentRequest(
				List.of(new InlineImagePart(TestByteSource.random(30), "image/jpeg"), new TextPart("hi")), "system",
				Map.of("temperature", 0), null);

		CountTokensResponse response = this.client.countTokens("models/gemini-3.8-flash", request).block();

		assertThat(response.totalTokens()).isEqualTo(262);
		assertThat(response.promptTokensDetails()).extracting("tokenCount").containsExactly(258, 4);
		LoggedRequest sent = single(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3.8-flash:countTokens")));
		assertThat(JSON.readTree(sent.getBody()).propertyNames()).containsExactly("contents");
		assertThat(sent.getHeader("x-goog-api-key")).isEqualTo(KEY);
	}

	@Test
	void uploadsInChunksToTheSessionUrlMovedOntoTheBaseUrl() {
		this.client = client(Duration.ofSeconds(5), DataSize.ofKilobytes(64), Duration.ofSeconds(5));
		TestByteSource image = TestByteSource.random(200_000);
		this.server.stubFor(post(urlPathEqualTo("/upload/v1beta/files"))
			.withHeader("X-Goog-Upload-Command", equalTo("start"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("X-Goog-Upload-URL",
						"https://upload.googleapis.example/upload/v1beta/files?upload_id=ABC123&upload_protocol=resumable")
				.withHeader("X-Goog-Upload-Status", "active")));
		// Each chunk is accepted only at its offset and in order, so a wrong offset or
		// order fails
		long[] offsets = { 0, 65_536, 131_072, 196_608 };
		for (int i = 0; i < offsets.length; i++) {
			boolean last = i == offsets.length - 1;
			MappingBuilder chunk = post(urlPathEqualTo("/upload/v1beta/files")).inScenario("upload")
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "chunk-" + i)
				.willSetStateTo("chunk-" + (i + 1))
				.withQueryParam("upload_id", equalTo("ABC123"))
				.withHeader("X-Goog-Upload-Command", equalTo(last ? "upload, finalize" : "upload"))
				.withHeader("X-Goog-Upload-Offset", equalTo(Long.toString(offsets[i])));
			this.server
				.stubFor(chunk.willReturn(last
						? okJson("{\"file\":" + fileJson("abc123", "PROCESSING") + "}")
							.withHeader("X-Goog-Upload-Status", "final")
						: aResponse().withStatus(200).withHeader("X-Goog-Upload-Status", "active")));
		}

		GeminiFile file = this.client.upload(image, "image/png", "rocket.png").block();

		assertThat(file.name()).isEqualTo("files/abc123");
		assertThat(file.id()).isEqualTo("abc123");
		assertThat(file.state()).isEqualTo(GeminiFile.PROCESSING);
		LoggedRequest start = single(postRequestedFor(urlPathEqualTo("/upload/v1beta/files"))
			.withHeader("X-Goog-Upload-Command", equalTo("start")));
		assertThat(start.getHeader("X-Goog-Upload-Protocol")).isEqualTo("resumable");
		assertThat(start.getHeader("X-Goog-Upload-Header-Content-Length")).isEqualTo("200000");
		assertThat(start.getHeader("X-Goog-Upload-Header-Content-Type")).isEqualTo("image/png");
		assertThat(start.getHeader("x-goog-api-key")).isEqualTo(KEY);
		assertThat(JSON.readTree(start.getBody()).get("file").get("displayName").asString()).isEqualTo("rocket.png");
		List<LoggedRequest> chunks = this.server.findAll(postRequestedFor(urlPathEqualTo("/upload/v1beta/files"))
			.withQueryParam("upload_id", equalTo("ABC123")));
		assertThat(chunks).hasSize(4);
		assertThat(chunks).extracting((chunk) -> chunk.getHeader("Content-Length"))
			.containsExactly("65536", "65536", "65536", "3392");
		assertThat(chunks).allSatisfy((chunk) -> assertThat(chunk.containsHeader("x-goog-api-key")).isFalse());
		byte[] uploaded = new byte[0];
		for (LoggedRequest chunk : chunks) {
			uploaded = concat(uploaded, chunk.getBody());
		}
		assertThat(uploaded).isEqualTo(image.bytes());
	}

	@Test
	void failsTheUploadWhenTheSessionFinalizesEarly() {
		this.client = client(Duration.ofSeconds(5), DataSize.ofKilobytes(64), Duration.ofSeconds(5));
		this.server.stubFor(post(urlPathEqualTo("/upload/v1beta/files"))
			.withHeader("X-Goog-Upload-Command", equalTo("start"))
			.willReturn(
					aResponse().withHeader("X-Goog-Upload-URL", "https://x.example/upload/v1beta/files?upload_id=Z")));
		this.server.stubFor(post(urlPathEqualTo("/upload/v1beta/files")).withQueryParam("upload_id", equalTo("Z"))
			.willReturn(okJson(fileJson("z", "ACTIVE")).withHeader("X-Goog-Upload-Status", "final")));

		Throwable failure = failure(this.client.upload(TestByteSource.random(100_000), "image/png", null));

		assertThat(failure).isInstanceOf(GeminiException.class)
			.hasMessageContaining("'final' at offset 0, expected 'active'");
		assertThat(((GeminiException) failure).operation()).isEqualTo(GeminiOperation.UPLOAD);
	}

	@Test
	void pollsUntilTheFileIsActive() {
		this.server.stubFor(get(urlPathEqualTo("/v1beta/files/abc123")).inScenario("state")
			.whenScenarioStateIs(Scenario.STARTED)
			.willSetStateTo("processed")
			.willReturn(okJson(fileJson("abc123", "PROCESSING"))));
		this.server.stubFor(get(urlPathEqualTo("/v1beta/files/abc123")).inScenario("state")
			.whenScenarioStateIs("processed")
			.willReturn(okJson(fileJson("abc123", "ACTIVE"))));

		GeminiFile active = this.client.awaitActive(file("abc123", "PROCESSING")).block();

		assertThat(active.isActive()).isTrue();
		assertThat(this.server.findAll(getRequestedFor(urlPathEqualTo("/v1beta/files/abc123")))).hasSize(2);
	}

	@Test
	void answersAnActiveFileWithoutAsking() {
		GeminiFile active = file("abc123", "ACTIVE");

		assertThat(this.client.awaitActive(active).block()).isSameAs(active);
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void failsNamingTheFileAndGooglesReasonWhenProcessingFailed() {
		this.server.stubFor(get(urlPathEqualTo("/v1beta/files/abc123")).willReturn(okJson(
				"{\"name\":\"files/abc123\",\"state\":\"FAILED\",\"error\":{\"code\":3,\"message\":\"Unsupported image encoding\"}}")));

		Throwable failure = failure(this.client.awaitActive(file("abc123", "PROCESSING")));

		assertThat(failure).isInstanceOf(GeminiFileException.class)
			.hasMessageContaining("files/abc123")
			.hasMessageContaining("Unsupported image encoding");
		assertThat(((GeminiFileException) failure).fileName()).isEqualTo("files/abc123");
	}

	@Test
	void givesUpWaitingForActiveAfterTheDeadline() {
		this.client = client(Duration.ofSeconds(5), DataSize.ofMegabytes(8), Duration.ofMillis(1000));
		this.server
			.stubFor(get(urlPathEqualTo("/v1beta/files/abc123")).willReturn(okJson(fileJson("abc123", "PROCESSING"))));
		warmUp();

		long started = System.nanoTime();
		Throwable failure = failure(this.client.awaitActive(file("abc123", "PROCESSING")));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure).isInstanceOf(GeminiFileException.class)
			.hasMessageContaining("did not become ACTIVE within 1000 ms")
			.hasMessageContaining("PROCESSING");
		assertThat(took).isBetween(Duration.ofMillis(1000), Duration.ofMillis(3500));
		assertThat(this.server.findAll(getRequestedFor(urlPathEqualTo("/v1beta/files/abc123")))).isNotEmpty();
	}

	@Test
	void getsListsAndDeletesFiles() {
		this.server
			.stubFor(get(urlPathEqualTo("/v1beta/files/abc123")).willReturn(okJson(fileJson("abc123", "ACTIVE"))));
		this.server
			.stubFor(get(urlPathEqualTo("/v1beta/files")).willReturn(okJson("{\"files\":[" + fileJson("a", "ACTIVE")
					+ "," + fileJson("b", "PROCESSING") + "],\"nextPageToken\":\"next+page/2\"}")));
		this.server.stubFor(delete(urlPathEqualTo("/v1beta/files/abc123")).willReturn(okJson("{}")));

		GeminiFile file = this.client.getFile("files/abc123").block();
		FileList page = this.client.listFiles(2, "token+with/slash=").block();
		this.client.deleteFile("abc123").block();

		assertThat(file.size()).isEqualTo(1234);
		assertThat(file.uri()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/files/abc123");
		assertThat(file.expirationTime()).isAfter(file.createTime());
		assertThat(page.files()).extracting(GeminiFile::id).containsExactly("a", "b");
		assertThat(page.nextPageToken()).isEqualTo("next+page/2");
		LoggedRequest list = single(getRequestedFor(urlPathEqualTo("/v1beta/files")));
		assertThat(list.queryParameter("pageSize").firstValue()).isEqualTo("2");
		assertThat(list.queryParameter("pageToken").firstValue()).isEqualTo("token+with/slash=");
		assertThat(single(deleteRequestedFor(urlPathEqualTo("/v1beta/files/abc123"))).getHeader("x-goog-api-key"))
			.isEqualTo(KEY);
	}

	@Test
	void keepsGooglesStatusAndRetryInfoDelayOnA429() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE))
			.willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json").withBody("""
					{"error":{"code":429,"message":"You exceeded your current quota.","status":"RESOURCE_EXHAUSTED",
					"details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
					{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"26s"}]}}""")));

		GeminiApiException failure = apiFailure(generate());

		assertThat(failure.httpStatus()).isEqualTo(429);
		assertThat(failure.status()).contains("RESOURCE_EXHAUSTED");
		assertThat(failure.googleMessage()).isEqualTo("You exceeded your current quota.");
		assertThat(failure.retryDelay()).contains(Duration.ofSeconds(26));
		assertThat(failure.operation()).isEqualTo(GeminiOperation.GENERATE);
		assertThat(failure).hasMessageContaining("429").hasMessageContaining("RESOURCE_EXHAUSTED");
	}

	@Test
	void readsTheRetryAfterHeaderWhenThereIsNoRetryInfo() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(aResponse().withStatus(503)
			.withHeader("Retry-After", "7")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":503,\"message\":\"The model is overloaded. Please try again later.\","
					+ "\"status\":\"UNAVAILABLE\"}}")));

		GeminiApiException failure = apiFailure(generate());

		assertThat(failure.httpStatus()).isEqualTo(503);
		assertThat(failure.status()).contains("UNAVAILABLE");
		assertThat(failure.retryDelay()).contains(Duration.ofSeconds(7));
	}

	@Test
	void describesANonJsonErrorBodyBriefly() {
		String page = "<html><body>\n<h1>Service Unavailable</h1>\n" + "x".repeat(10_000) + "</body></html>";
		this.server.stubFor(post(urlPathEqualTo(GENERATE))
			.willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html").withBody(page)));

		GeminiApiException failure = apiFailure(generate());

		assertThat(failure.httpStatus()).isEqualTo(503);
		assertThat(failure.status()).isEmpty();
		assertThat(failure.retryDelay()).isEmpty();
		assertThat(failure.googleMessage())
			.startsWith("Service Unavailable (not Google's error JSON): <html><body> <h1>")
			.hasSizeLessThanOrEqualTo(GeminiErrors.MAX_MESSAGE_LENGTH)
			.doesNotContain("\n");
		assertThat(failure.getMessage()).hasSizeLessThan(GeminiErrors.MAX_MESSAGE_LENGTH + 100);
	}

	@Test
	void describesAnEmptyErrorBody() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(aResponse().withStatus(502)));

		GeminiApiException failure = apiFailure(generate());

		assertThat(failure.httpStatus()).isEqualTo(502);
		assertThat(failure.googleMessage()).isEqualTo("Bad Gateway (empty body)");
	}

	@Test
	void keepsPermissionDeniedForAMissingFile() {
		this.server.stubFor(get(urlPathEqualTo("/v1beta/files/gone")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":403,\"message\":\"You do not have permission to access the File gone "
					+ "or it may not exist.\",\"status\":\"PERMISSION_DENIED\"}}")));

		GeminiApiException failure = apiFailure(this.client.getFile("gone"));

		assertThat(failure.httpStatus()).isEqualTo(403);
		assertThat(failure.status()).contains("PERMISSION_DENIED");
		assertThat(failure.operation()).isEqualTo(GeminiOperation.GET_FILE);
	}

	@Test
	void redactsTheKeyWhenTheUpstreamEchoesIt() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":400,\"message\":\"API key not valid: " + KEY
					+ "\",\"status\":\"INVALID_ARGUMENT\"}}")));

		GeminiApiException failure = apiFailure(generate());

		assertThat(failure.googleMessage()).isEqualTo("API key not valid: [redacted]");
		assertThat(failure.getMessage()).doesNotContain(KEY);
	}

	@Test
	void failsWithATimeoutWhenTheAnswerIsLate() {
		this.client = client(Duration.ofMillis(300), DataSize.ofMegabytes(8), Duration.ofSeconds(5));
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(okJson(answer()).withFixedDelay(3_000)));
		warmUp();

		long started = System.nanoTime();
		Throwable failure = failure(generate());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure).isInstanceOf(GeminiTimeoutException.class).hasMessageContaining("300ms");
		assertThat(took).isLessThan(Duration.ofMillis(300 + 1_500));
	}

	@Test
	void failsWithAConnectionErrorWhenTheConnectionIsReset() {
		this.server
			.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		Throwable failure = failure(generate());

		assertThat(failure).isInstanceOf(GeminiConnectionException.class);
		assertThat(((GeminiException) failure).operation()).isEqualTo(GeminiOperation.GENERATE);
	}

	@Test
	void failsWithAConnectionErrorWhenNothingListens() {
		this.server.stop();

		Throwable failure = failure(this.client.getFile("abc"));

		assertThat(failure).isInstanceOf(GeminiConnectionException.class).hasMessageContaining("could not connect");
		assertThat(failure.toString()).doesNotContain(KEY);
	}

	@Test
	void failsClearlyOnAnAnswerThatIsNotJson() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(aResponse().withStatus(200).withBody("<html>")));

		Throwable failure = failure(generate());

		assertThat(failure).isExactlyInstanceOf(GeminiException.class).hasMessageContaining("not the expected JSON");
	}

	private GeminiClient client(Duration responseTimeout, DataSize chunkSize, Duration activeTimeout) {
		GeminiProperties properties = new GeminiProperties(URI.create("http://127.0.0.1:" + this.server.port()),
				"v1beta", KEY, false, "gemini-3.8-flash", Map.of(), Duration.ofSeconds(2), responseTimeout,
				activeTimeout, Duration.ofMillis(50), chunkSize, DataSize.ofMegabytes(16));
		// One attempt, no breaker: these tests are about the HTTP edge;
		// GeminiClientRetryTests covers the rest
		GeminiClient client = new GeminiClient(WebClient.builder(), properties, JSON,
				TestResilience.resilience(TestResilience.none()));
		this.clients.add(client);
		return client;
	}

	/**
	 * One quick call first, so class loading and connecting on a busy machine do not
	 * count as waiting.
	 */
	private void warmUp() {
		this.server
			.stubFor(get(urlPathEqualTo("/v1beta/files/warm-up")).willReturn(okJson(fileJson("warm-up", "ACTIVE"))));
		assertThat(this.client.getFile("warm-up").block().isActive()).isTrue();
	}

	private Mono<GenerateContentResponse> generate() {
		return this.client.generateContent("gemini-3.8-flash", GenerateContentRequest.of(new TextPart("hello")));
	}

	private Throwable failure(Mono<?> call) {
		Throwable failure = catchThrowable(call::block);
		assertThat(failure).isNotNull();
		this.failures.add(failure);
		return failure;
	}

	private GeminiApiException apiFailure(Mono<?> call) {
		Throwable failure = failure(call);
		assertThat(failure).isInstanceOf(GeminiApiException.class);
		return (GeminiApiException) failure;
	}

	private LoggedRequest single(RequestPatternBuilder pattern) {
		List<LoggedRequest> requests = this.server.findAll(pattern);
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private static GeminiFile file(String id, String state) {
		return JSON.readValue(fileJson(id, state), GeminiFile.class);
	}

	private static String fileJson(String id, String state) {
		return """
				{"name":"files/%s","displayName":"rocket.png","mimeType":"image/png","sizeBytes":"1234",
				"createTime":"2026-03-01T12:00:00.123456Z","updateTime":"2026-03-01T12:00:00.123456Z",
				"expirationTime":"2026-03-03T12:00:00.123456Z","sha256Hash":"ZmFrZQ==",
				"uri":"https://generativelanguage.googleapis.com/v1beta/files/%s","state":"%s","source":"UPLOADED"}"""
			.formatted(id, id, state);
	}

	private static String answer() {
		return """
				{"candidates":[{"content":{"role":"model","parts":[
				{"text":"Thinking about rockets…","thought":true},{"text":"A rocket "},{"text":"on its pad."}]},
				"finishReason":"STOP","index":0}],
				"usageMetadata":{"promptTokenCount":270,"candidatesTokenCount":6,"thoughtsTokenCount":12,
				"totalTokenCount":288,"promptTokensDetails":[{"modality":"IMAGE","tokenCount":258},
				{"modality":"TEXT","tokenCount":12}]},
				"modelVersion":"gemini-3.8-flash","responseId":"r-1"}""";
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

}
