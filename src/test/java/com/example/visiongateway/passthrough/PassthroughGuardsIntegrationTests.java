package com.example.visiongateway.passthrough;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.example.visiongateway.passthrough.GeminiModelsIntegrationTests.assertGoogleError;
import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guards of the vision endpoints hold on {@code /gemini} too, and are the same ones:
 * a model's provider budgets, Gemini's cool-down and the circuit breaker are shared by
 * both kinds of call; retries never send a started stream twice; the meters count
 * pass-through calls with their images and tokens.
 */
class PassthroughGuardsIntegrationTests extends GatewayIntegrationTest {

	/** Two calls a minute. */
	private static final String REQUEST_BUDGETED = "gemini-3.5-flash-lite";

	/** 3,000 tokens a minute. */
	private static final String TOKEN_BUDGETED = "gemini-3.1-flash-lite";

	/** 5,000 tokens a minute. */
	private static final String CORRECTED = "gemini-3.1-pro-preview";

	/** Guarded by nothing but the breaker and Gemini's own pauses. */
	private static final String MODEL = "gemini-3.8-flash";

	private static final byte[] PNG = TestImages.fixture("chelsea.png");

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void guards(DynamicPropertyRegistry registry) {
		registry.add("vision.gemini.models.[" + REQUEST_BUDGETED + "].requests-per-minute", () -> "2");
		registry.add("vision.gemini.models.[" + TOKEN_BUDGETED + "].tokens-per-minute", () -> "3000");
		registry.add("vision.gemini.models.[" + CORRECTED + "].tokens-per-minute", () -> "5000");
		registry.add("test.gemini.circuit-breaker", () -> "true");
		// Opens once all of a call's attempts failed
		registry.add("vision.gemini.circuit-breaker.minimum-calls", () -> "${vision.gemini.retry.max-attempts}");
		registry.add("vision.gemini.circuit-breaker.failure-rate-threshold", () -> "75");
		registry.add("vision.gemini.circuit-breaker.wait-in-open", () -> "30s");
	}

	@BeforeEach
	void closeBreakers() {
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	private GoogleCalls google() {
		return new GoogleCalls(port()).withHeader("x-goog-api-key", "any-key-auth-is-off");
	}

	@Test
	void aModelsRequestBudgetIsSpentByPassThroughAndVisionCallsAlike() {
		double rejected = counter("gemini.rejections", "reason", "budget");

		GoogleCalls.Answer first = google().post(generate(REQUEST_BUDGETED), text("one"));
		Reply second = caption(REQUEST_BUDGETED);
		GoogleCalls.Answer third = google().post(generate(REQUEST_BUDGETED), text("three"));
		Reply fourth = caption(REQUEST_BUDGETED);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertGoogleError(third, 429, "RESOURCE_EXHAUSTED");
		assertThat(Long.parseLong(third.header("Retry-After"))).isBetween(1L, 60L);
		assertThat(third.error().path("details").path(0).path("retryDelay").asString()).endsWith("s");
		assertProblem(fourth, 429, "RATE_LIMITED");
		assertThat(stub.generateContentRequests()).hasSize(2);
		assertThat(counter("gemini.rejections", "reason", "budget") - rejected).isEqualTo(2);
	}

	@Test
	void aModelsTokenBudgetIsChargedWithTheBodysEstimateBeforeGeminiAnswers() throws Exception {
		stub.server()
			.stubFor(generateOf(TOKEN_BUDGETED)
				.willReturn(okJson("{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"slow\"}]},"
						+ "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"totalTokenCount\":2000}}")
					.withFixedDelay(1_500)));
		// 8,000 characters: 2,000 tokens of the 3,000, held while Gemini thinks
		CompletableFuture<GoogleCalls.Answer> large = CompletableFuture
			.supplyAsync(() -> google().post(generate(TOKEN_BUDGETED), text("x".repeat(8_000))));
		awaitActiveCalls(1);

		// 6,000 characters: 1,500 tokens, more than the 1,000 left
		GoogleCalls.Answer refused = google().post(generate(TOKEN_BUDGETED), text("y".repeat(6_000)));
		// countTokens is charged as a request, never by tokens (as for the vision
		// endpoints)
		GoogleCalls.Answer counted = google().post("/v1beta/models/" + TOKEN_BUDGETED + ":countTokens",
				text("z".repeat(6_000)));

		assertGoogleError(refused, 429, "RESOURCE_EXHAUSTED");
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(2L, 60L);
		assertThat(counted.status()).as(counted.body()).isEqualTo(200);
		assertThat(large.get().status()).isEqualTo(200);
		assertThat(stub.server().findAll(postRequestedFor(urlPathMatching(".*/models/[^:]+:generateContent"))))
			.hasSize(1);
	}

	@Test
	void theTokensGeminiReportsCorrectTheChargeForAnswersAndStreamsAlike() throws IOException {
		// 4,000 characters: an estimate of 1,000, corrected to 4,000 by the answer: 1,000
		// of 5,000 left
		stub.answer(answerUsing(4_000));
		GoogleCalls.Answer answered = google().post(generate(CORRECTED), text("a".repeat(4_000)));
		// 400 characters: an estimate of 100, corrected to 900 by the stream's last
		// event: about 100 left
		stub.answer(answerUsing(900));
		HttpResponse<InputStream> streamed = google()
			.open("/v1beta/models/" + CORRECTED + ":streamGenerateContent?alt=sse", text("b".repeat(400)));
		List<String> events = dataLines(streamed.body());

		// 2,000 characters: 500 tokens, which only the corrections leave no room for
		GoogleCalls.Answer refused = google().post(generate(CORRECTED), text("c".repeat(2_000)));

		assertThat(answered.status()).as(answered.body()).isEqualTo(200);
		assertThat(streamed.statusCode()).isEqualTo(200);
		assertThat(events).hasSize(1);
		assertGoogleError(refused, 429, "RESOURCE_EXHAUSTED");
		assertThat(stub.server().getAllServeEvents()).hasSize(2);
	}

	@Test
	void geminisRetryDelayOnAPassThroughCallPausesTheModelForVisionCallsAndTheOtherWayRound() {
		double paused = counter("gemini.rejections", "reason", "cool_down");
		double limited = timer("outcome", "rate_limited");
		// Beyond the 30 s deadline: answered at once rather than waited out
		stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", Duration.ofSeconds(45));
		GoogleCalls.Answer provoked = google().post(generate(MODEL), text("hi"));
		stub.reset();

		Reply held = caption(MODEL);
		GoogleCalls.Answer heldToo = google().post(generate(MODEL), text("again"));

		assertGoogleError(provoked, 429, "RESOURCE_EXHAUSTED");
		assertThat(provoked.header("Retry-After")).isEqualTo("45");
		assertProblem(held, 429, "RATE_LIMITED");
		assertThat(Long.parseLong(held.headers().getFirst("Retry-After"))).isBetween(40L, 45L);
		assertGoogleError(heldToo, 429, "RESOURCE_EXHAUSTED");
		assertThat(Long.parseLong(heldToo.header("Retry-After"))).isBetween(40L, 45L);
		assertThat(stub.generateContentRequests()).isEmpty();

		clearCoolDowns();
		stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", Duration.ofSeconds(45));
		assertProblem(caption(MODEL), 429, "RATE_LIMITED");
		stub.reset();
		GoogleCalls.Answer afterVision = google().post(generate(MODEL), text("and now?"));

		assertGoogleError(afterVision, 429, "RESOURCE_EXHAUSTED");
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(counter("gemini.rejections", "reason", "cool_down") - paused).isEqualTo(3);
		assertThat(timer("outcome", "rate_limited") - limited).isEqualTo(3);
	}

	@Test
	void repeatedFailuresOpenTheModelsCircuitForPassThroughAndVisionCallsAlike() {
		stub.failWith(500, "INTERNAL", "An internal error has occurred.");
		GoogleCalls.Answer failed = google().post(generate(MODEL), text("hi"));
		int attempts = stub.generateContentRequests().size();

		GoogleCalls.Answer open = google().post(generate(MODEL), text("hi"));
		GoogleCalls.Answer openStream = google().post("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse",
				text("hi"));
		Reply openForVision = caption(MODEL);

		assertGoogleError(failed, 502, "INTERNAL");
		assertThat(attempts).isEqualTo(3);
		assertGoogleError(open, 503, "UNAVAILABLE");
		assertThat(open.header("Retry-After")).isEqualTo("30");
		assertGoogleError(openStream, 503, "UNAVAILABLE");
		assertProblem(openForVision, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(stub.server().getAllServeEvents()).hasSize(attempts);
	}

	@Test
	void transientFailuresAreRetriedAndGeminisRefusalsAreNot() {
		failFirst(503);
		GoogleCalls.Answer retried = google().post(generate(MODEL), text("hi"));
		int afterRetry = stub.generateContentRequests().size();
		stub.reset();
		stub.failWith(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");

		GoogleCalls.Answer refused = google().post(generate(MODEL), text("hi"));

		assertThat(retried.status()).as(retried.body()).isEqualTo(200);
		assertThat(afterRetry).isEqualTo(2);
		assertThat(refused.status()).isBetween(400, 599);
		assertThat(refused.error().path("status").asString()).isNotBlank();
		assertThat(stub.generateContentRequests()).hasSize(1);
	}

	@Test
	void aStreamThatBreaksAfterItsFirstEventIsNeverSentAgain() throws IOException {
		String first = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"one\"}]}}]}\r\n\r\n";
		double broke = timer("outcome", "upstream_error");
		// Gemini announces more than it sends: the connection ends after the first event
		stub.server()
			.stubFor(post(urlPathEqualTo("/v1beta/models/" + MODEL + ":streamGenerateContent")).atPriority(1)
				.willReturn(aResponse().withStatus(200)
					.withHeader("Content-Type", "text/event-stream")
					.withHeader("Content-Length", Integer.toString(first.length() + 500))
					.withBody(first)));

		HttpResponse<InputStream> response = google().open("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse",
				text("slowly"));
		List<String> received = new ArrayList<>();
		boolean broken = false;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				received.add(line);
			}
		}
		catch (IOException ex) {
			broken = true;
		}

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(received).first().asString().startsWith("data: ").contains("one");
		assertThat(received).filteredOn((line) -> line.startsWith("data: ")).hasSize(1);
		assertThat(broken).as("the caller sees the stream broken, not ended").isTrue();
		assertThat(stub.server()
			.findAll(postRequestedFor(urlPathEqualTo("/v1beta/models/" + MODEL + ":streamGenerateContent"))))
			.hasSize(1);
		assertThat(timer("outcome", "upstream_error") - broke).isEqualTo(1);
	}

	@Test
	void passThroughCallsAreMeteredWithTheirImagesAndTokensLikeVisionCalls() throws IOException {
		double prompt = tokens("prompt");
		double output = tokens("output");
		double images = counter("vision.images", "transfer", "inline");
		double succeeded = timer("outcome", "success");

		GoogleCalls.Answer answered = google().post(generate(MODEL),
				GoogleCalls.imageAndText(PNG, "image/png", "What is it?"));
		HttpResponse<InputStream> streamed = google().open("/v1beta/models/" + MODEL + ":streamGenerateContent?alt=sse",
				GoogleCalls.imageAndText(PNG, "image/png", "Describe it."));
		List<String> events = dataLines(streamed.body());
		GoogleCalls.Answer counted = google().post("/v1beta/models/" + MODEL + ":countTokens",
				GoogleCalls.imageAndText(PNG, "image/png", "Count it."));

		JsonNode usage = answered.json().path("usageMetadata");
		JsonNode streamUsage = JsonMapper.shared()
			.readTree(events.get(events.size() - 1).substring("data: ".length()))
			.path("usageMetadata");
		assertThat(counted.status()).isEqualTo(200);
		assertThat(usage.path("promptTokenCount").asInt()).isPositive();
		assertThat(tokens("prompt") - prompt)
			.isEqualTo(usage.path("promptTokenCount").asInt() + streamUsage.path("promptTokenCount").asInt());
		assertThat(tokens("output") - output)
			.isEqualTo(usage.path("candidatesTokenCount").asInt() + streamUsage.path("candidatesTokenCount").asInt());
		assertThat(counter("vision.images", "transfer", "inline") - images).as("countTokens sends no image")
			.isEqualTo(2);
		assertThat(timer("outcome", "success") - succeeded).isEqualTo(3);
	}

	private Reply caption(String model) {
		return this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", PNG, "image/png").field("model", model));
	}

	private static String generate(String model) {
		return "/v1beta/models/" + model + ":generateContent";
	}

	private static String text(String text) {
		return "{\"contents\":[{\"parts\":[{\"text\":\"" + text + "\"}]}]}";
	}

	private static String answerUsing(int totalTokens) {
		return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"ok\"}]},\"finishReason\":"
				+ "\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":" + (totalTokens - 1)
				+ ",\"candidatesTokenCount\":1,\"totalTokenCount\":" + totalTokens + "}}";
	}

	private static MappingBuilder generateOf(String model) {
		return post(urlPathEqualTo("/v1beta/models/" + model + ":generateContent")).atPriority(1);
	}

	/** A 5xx first, then the stub's own answer. */
	private static void failFirst(int status) {
		stub.server()
			.stubFor(generateOf(MODEL).inScenario("fail first")
				.whenScenarioStateIs(Scenario.STARTED)
				.willSetStateTo("failed")
				.willReturn(aResponse().withStatus(status)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":{\"code\":" + status
							+ ",\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}")));
	}

	private static List<String> dataLines(InputStream body) throws IOException {
		List<String> events = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("data: ")) {
					events.add(line);
				}
			}
		}
		return events;
	}

	private void awaitActiveCalls(int active) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.meters.get("gemini.calls.active").gauge().value() != active) {
			assertThat(System.nanoTime()).as("calls in flight never reached %d", active).isLessThan(until);
			Thread.sleep(10);
		}
	}

	private double counter(String name, String tag, String value) {
		return this.meters.find(name).tag(tag, value).counters().stream().mapToDouble(Counter::count).sum();
	}

	private double tokens(String kind) {
		return this.meters.find("gemini.tokens")
			.tag("model", MODEL)
			.tag("kind", kind)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	private double timer(String tag, String value) {
		return this.meters.find("vision.requests")
			.tag("task", GeminiModels.TASK)
			.tag(tag, value)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

}
