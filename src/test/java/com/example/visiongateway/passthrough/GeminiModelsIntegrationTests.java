package com.example.visiongateway.passthrough;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gemini-native pass-through over HTTP, the gateway in front of the project's stub:
 * generateContent, streamGenerateContent and countTokens as Google's SDKs call them, the
 * gateway's checks on the way and Google-shaped errors.
 */
@TestPropertySource(properties = "vision.passthrough.max-body-size=2MB")
class GeminiModelsIntegrationTests extends GatewayIntegrationTest {

	private static final String CALLER_KEY = "caller-key-0ff1ce";

	private static final byte[] PNG = TestImages.fixture("chelsea.png");

	@Autowired
	private MeterRegistry meters;

	private GoogleCalls google() {
		return new GoogleCalls(port()).withHeader("x-goog-api-key", CALLER_KEY);
	}

	@Test
	void generateContentWithAnInlineImageAnswersGeminisOwnJson() {
		GoogleCalls.Answer answer = google().post("/v1beta/models/gemini-3.8-flash:generateContent",
				GoogleCalls.imageAndText(PNG, "image/png", "What is this?"));

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		JsonNode candidate = answer.json().path("candidates").path(0);
		assertThat(candidate.path("content").path("parts").path(0).path("text").asString()).startsWith("[stub]")
			.contains("1 image(s)");
		assertThat(answer.json().path("usageMetadata").path("promptTokenCount").asInt()).isPositive();
		JsonNode sent = stub.generateContentRequests().get(0);
		JsonNode image = sent.path("contents").path(0).path("parts").path(0).path("inlineData");
		assertThat(Base64.getDecoder().decode(image.path("data").asString())).isEqualTo(PNG);
		assertThat(this.meters.find("vision.requests").tag("task", "passthrough").tag("outcome", "success").timer())
			.extracting(Timer::count)
			.isNotEqualTo(0L);
	}

	@Test
	void aBodyTheChecksLeaveAloneReachesGeminiAsTheCallerWroteIt() {
		String body = GoogleCalls.imageAndText(PNG, "image/png", "as written");

		GoogleCalls.Answer answer = google().post("/v1beta/models/gemini-3.8-flash:generateContent", body);

		assertThat(answer.status()).isEqualTo(200);
		assertThat(stub.server()
			.findAll(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3.8-flash:generateContent")))
			.get(0)
			.getBodyAsString()).isEqualTo(body);
	}

	@Test
	void theCallersKeyNeverReachesGeminiAndTheGatewaysNeverReachesTheCaller() {
		GoogleCalls.Answer answer = google().post(
				"/v1/models/gemini-3.8-flash:generateContent?key=" + CALLER_KEY + "-query",
				GoogleCalls.imageAndText(PNG, "image/png", "hi"));
		GoogleCalls.Answer counted = google().post("/v1beta/models/gemini-3.8-flash:countTokens",
				"{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(counted.status()).isEqualTo(200);
		List<LoggedRequest> received = stub.server().findAll(anyRequestedFor(anyUrl()));
		assertThat(received).hasSize(2);
		for (LoggedRequest request : received) {
			assertThat(request.getHeader("x-goog-api-key")).isEqualTo(GEMINI_KEY);
			assertThat(request.getUrl() + request.getHeaders() + request.getBodyAsString()).doesNotContain(CALLER_KEY);
		}
		assertThat(answer.body() + answer.headers() + counted.body() + counted.headers()).doesNotContain(GEMINI_KEY);
	}

	@Test
	void countTokensIsForwarded() {
		GoogleCalls.Answer answer = google().post("/v1beta/models/gemini-3.8-flash:countTokens",
				"{\"contents\":[{\"parts\":[" + "{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\""
						+ Base64.getEncoder().encodeToString(PNG) + "\"}},{\"text\":\"count me\"}]}]}");

		assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		assertThat(answer.json().path("totalTokens").asInt()).isPositive();
		assertThat(stub.countTokensRequests()).hasSize(1);
	}

	@Test
	void streamGenerateContentAnswersServerSentEvents() throws IOException {
		HttpResponse<InputStream> response = google().open(
				"/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse",
				GoogleCalls.imageAndText(PNG, "image/png", "Describe it at length."));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
		List<JsonNode> events = events(response.body());
		assertThat(events).isNotEmpty();
		assertThat(events.get(events.size() - 1).path("candidates").path(0).path("finishReason").asString())
			.isEqualTo("STOP");
	}

	@Test
	void streamedEventsArriveAsGeminiSendsThemNotWhenTheStreamEnds() throws IOException {
		String first = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"one\"}]}}]}\r\n\r\n";
		String last = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"two\"}]},\"finishReason\":\"STOP\"}]}\r\n\r\n";
		String padded = first.replace("\"one\"", "\"one" + " ".repeat(last.length() - first.length()) + "\"");
		stub.server()
			.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-3.8-flash:streamGenerateContent")).atPriority(1)
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "text/event-stream")
					.withBody(padded + last)
					.withChunkedDribbleDelay(2, 3000)));

		HttpResponse<InputStream> response = google().open(
				"/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse",
				"{\"contents\":[{\"parts\":[{\"text\":\"slowly\"}]}]}");
		BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
		String firstLine = reader.readLine();
		long firstAt = System.nanoTime();
		while (reader.readLine() != null) {
			// to the end of the stream
		}
		long gapMillis = (System.nanoTime() - firstAt) / 1_000_000;

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(firstLine).startsWith("data: ").contains("one");
		assertThat(gapMillis).as("the first event was handed on before Gemini sent the second").isGreaterThan(700);
	}

	@Test
	void aStreamThatFailsBeforeItsFirstEventIsRetried() throws IOException {
		stub.server()
			.stubFor(post(urlPathEqualTo("/v1beta/models/gemini-3.8-flash:streamGenerateContent")).atPriority(1)
				.inScenario("overloaded once")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(aResponse().withStatus(503)
					.withHeader("Content-Type", "application/json")
					.withBody(
							"{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}"))
				.willSetStateTo("answered"));

		HttpResponse<InputStream> response = google().open(
				"/v1beta/models/gemini-3.8-flash:streamGenerateContent?alt=sse",
				"{\"contents\":[{\"parts\":[{\"text\":\"again\"}]}]}");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(events(response.body())).isNotEmpty();
		assertThat(stub.server()
			.findAll(postRequestedFor(urlPathEqualTo("/v1beta/models/gemini-3.8-flash:streamGenerateContent"))))
			.hasSize(2);
	}

	@Test
	void aModelOffTheAllowListIsAGoogleShapedRefusal() {
		GoogleCalls.Answer answer = google().post("/v1beta/models/gemini-ultra-9:generateContent",
				"{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");

		assertGoogleError(answer, 400, "INVALID_ARGUMENT");
		assertThat(answer.error().path("message").asString()).contains("gemini-ultra-9").contains("gemini-3.8-flash");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void inlineBytesThatAreNoImageAreRefusedBeforeGemini() {
		byte[] text = "this is not a picture at all".getBytes(StandardCharsets.UTF_8);
		GoogleCalls.Answer answer = google().post("/v1beta/models/gemini-3.8-flash:generateContent",
				GoogleCalls.imageAndText(text, "image/png", "hi"));
		GoogleCalls.Answer notBase64 = google().post("/v1beta/models/gemini-3.8-flash:generateContent",
				"{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"%%%\"}}]}]}");
		GoogleCalls.Answer notJson = google().post("/v1beta/models/gemini-3.8-flash:generateContent", "{oops");

		assertGoogleError(answer, 400, "INVALID_ARGUMENT");
		assertGoogleError(notBase64, 400, "INVALID_ARGUMENT");
		assertGoogleError(notJson, 400, "INVALID_ARGUMENT");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void aBodyAnnouncedOverTheLimitIsRefusedWithGeminisWordsBeforeItIsRead() {
		GoogleCalls.Answer answer = google().announce("/v1beta/models/gemini-3.8-flash:generateContent",
				2 * 1024 * 1024 + 1);

		assertGoogleError(answer, 400, "INVALID_ARGUMENT");
		assertThat(answer.error().path("message").asString()).contains("Request payload size exceeds the limit");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void aChunkedBodyIsRefusedAsSoonAsItPassesTheLimit() {
		byte[] large = TestImages.pngOfSize(1600 * 1024, 7);
		String json = GoogleCalls.imageAndText(large, "image/png", "hi");
		assertThat(json.length()).isBetween(2 * 1024 * 1024 + 1, 2 * 1024 * 1024 + 512 * 1024);
		// no length announced: the gateway counts what arrives
		GoogleCalls.Answer answer = google().send("/v1beta/models/gemini-3.8-flash:generateContent", "POST",
				HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(json)));

		assertGoogleError(answer, 400, "INVALID_ARGUMENT");
		assertThat(answer.error().path("message").asString()).contains("Request payload size exceeds the limit");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void geminisQuotaErrorReachesTheSdkAsGoogleShapedWithRetryAfter() {
		stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded for metric generate_content_free_tier_requests",
				Duration.ofSeconds(45));

		GoogleCalls.Answer answer = google().post("/v1beta/models/gemini-3.8-flash:generateContent",
				"{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}]}");

		assertGoogleError(answer, 429, "RESOURCE_EXHAUSTED");
		assertThat(answer.header("Retry-After")).isEqualTo("45");
		assertThat(answer.body()).doesNotContain("free_tier");
	}

	@Test
	void unknownMethodsAndVersionsAreGooglesNotFound() {
		assertGoogleError(google().post("/v1beta/models/gemini-3.8-flash:embedContent", "{}"), 404, "NOT_FOUND");
		assertGoogleError(google().post("/v9/models/gemini-3.8-flash:generateContent", "{}"), 404, "NOT_FOUND");
		assertGoogleError(google().get("/v1beta/nothing/here"), 404, "NOT_FOUND");
	}

	static void assertGoogleError(GoogleCalls.Answer answer, int status, String googleStatus) {
		assertThat(answer.status()).as(answer.body()).isEqualTo(status);
		assertThat(answer.header("Content-Type")).startsWith("application/json");
		JsonNode error = answer.error();
		assertThat(error.path("code").asInt()).isEqualTo(status);
		assertThat(error.path("status").asString()).isEqualTo(googleStatus);
		assertThat(error.path("message").asString()).isNotBlank().doesNotContain("Exception");
	}

	private static List<JsonNode> events(InputStream body) throws IOException {
		List<JsonNode> events = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("data: ")) {
					events.add(JsonMapper.shared().readTree(line.substring("data: ".length())));
				}
			}
		}
		return events;
	}

}
