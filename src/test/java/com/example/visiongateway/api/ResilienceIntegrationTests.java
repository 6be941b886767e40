package com.example.visiongateway.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.MovableClock;
import com.example.visiongateway.support.MovableClockConfiguration;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** The gateway over HTTP while the Gemini stub fails, stalls or is flooded. */
@Import(MovableClockConfiguration.class)
class ResilienceIntegrationTests extends GatewayIntegrationTest {

	private static final String GENERATE = "/[^/]+/models/[^/:]+:generateContent";

	private static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"A cat on a sofa."}]},"finishReason":"STOP"}],
			"usageMetadata":{"promptTokenCount":1548,"candidatesTokenCount":5,"totalTokenCount":1553}}""";

	private static final int MAX_CONCURRENT = 2;

	private static final int MAX_QUEUED = 1;

	@Autowired
	private CircuitBreakerRegistry breakers;

	@Autowired
	private MeterRegistry meters;

	@Autowired
	private MovableClock clock;

	@Value("${vision.gemini.retry.max-attempts}")
	private int attempts;

	@DynamicPropertySource
	static void resilience(DynamicPropertyRegistry registry) {
		registry.add("vision.gemini.response-timeout", () -> "2s");
		registry.add("vision.gemini.max-concurrent-calls", () -> MAX_CONCURRENT);
		registry.add("vision.gemini.max-queued-calls", () -> MAX_QUEUED);
		registry.add("test.gemini.circuit-breaker", () -> "true");
		// Opens once all of a call's attempts failed, not when some of them did
		registry.add("vision.gemini.circuit-breaker.minimum-calls", () -> "${vision.gemini.retry.max-attempts}");
		registry.add("vision.gemini.circuit-breaker.failure-rate-threshold", () -> "75");
		registry.add("vision.gemini.circuit-breaker.wait-in-open", () -> "1s");
		registry.add("vision.gemini.circuit-breaker.half-open-calls", () -> "1");
	}

	@BeforeEach
	void closeBreakers() {
		this.breakers.getAllCircuitBreakers().forEach(CircuitBreaker::reset);
	}

	@Test
	void waitsOutGooglesRetryDelayAndThenAnswers() {
		failFirst(googleError(429, "RESOURCE_EXHAUSTED", "1s"));

		long started = System.nanoTime();
		Reply reply = caption();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		assertThat(generateCalls()).isEqualTo(2);
	}

	@Test
	void answersRateLimitedWithGooglesDelayWhenWaitingWouldPassTheDeadline() {
		stub.server().stubFor(generate().willReturn(googleError(429, "RESOURCE_EXHAUSTED", "120s")));

		long started = System.nanoTime();
		Reply reply = caption();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertProblem(reply, 429, "RATE_LIMITED");
		assertThat(reply.headers().getFirst("Retry-After")).isEqualTo("120");
		assertThat(reply.json().get("retryAfterSeconds").asInt()).isEqualTo(120);
		assertThat(took).isLessThan(Duration.ofSeconds(5));
		assertThat(generateCalls()).isEqualTo(1);
	}

	@Test
	void retriesAnUnavailableGeminiUntilItAnswers() {
		failFirst(googleError(503, "UNAVAILABLE", null), googleError(503, "UNAVAILABLE", null));

		Reply reply = caption();

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("results").get(0).get("caption").asString()).startsWith("[stub]");
		assertThat(generateCalls()).isEqualTo(3);
	}

	@Test
	void givesUpOnARepeatedInternalErrorAfterTheConfiguredAttempts() {
		stub.failWith(500, "INTERNAL", "An internal error has occurred.");

		Reply reply = caption();

		assertProblem(reply, 502, "UPSTREAM_ERROR");
		assertThat(generateCalls()).isEqualTo(this.attempts);
	}

	@Test
	void neverRetriesARequestGeminiCalledInvalid() {
		stub.failWith(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");

		Reply reply = caption();

		assertProblem(reply, 502, "UPSTREAM_ERROR");
		assertThat(generateCalls()).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void retriesAConnectionBrokenMidAnswer(Fault fault) {
		failFirst(aResponse().withFault(fault));

		Reply reply = caption();

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(generateCalls()).isEqualTo(2);
	}

	@Test
	void answersGatewayTimeoutWhenGeminiIsTooSlow() {
		caption();
		stub.server().stubFor(generate().willReturn(okJson(ANSWER).withFixedDelay(6_000)));

		long started = System.nanoTime();
		Reply reply = caption();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertProblem(reply, 504, "UPSTREAM_TIMEOUT");
		assertThat(took).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2_000 + 1_500));
	}

	@Test
	void refusesAtOnceBeyondTheCallLimitAndItsQueue() throws Exception {
		caption();
		stub.server().stubFor(generate().willReturn(okJson(ANSWER).withFixedDelay(1_500)));
		ExecutorService callers = Executors.newFixedThreadPool(MAX_CONCURRENT + MAX_QUEUED);
		try {
			List<CompletableFuture<Reply>> held = new ArrayList<>();
			for (int i = 0; i < MAX_CONCURRENT + MAX_QUEUED; i++) {
				held.add(CompletableFuture.supplyAsync(this::caption, callers));
			}
			awaitCalls(MAX_CONCURRENT, MAX_QUEUED);

			long started = System.nanoTime();
			Reply refused = caption();
			Duration took = Duration.ofNanos(System.nanoTime() - started);

			assertProblem(refused, 503, "UPSTREAM_UNAVAILABLE");
			assertThat(refused.headers().getFirst("Retry-After")).isEqualTo("2");
			assertThat(took).isLessThan(Duration.ofMillis(1_000));
			for (CompletableFuture<Reply> reply : held) {
				assertThat(reply.get().status()).isEqualTo(200);
			}
			assertThat(generateCalls()).isEqualTo(1 + MAX_CONCURRENT + MAX_QUEUED);
		}
		finally {
			callers.shutdownNow();
		}
	}

	@Test
	void opensTheCircuitAfterRepeatedFailuresAndClosesItWhenGeminiRecovers() throws InterruptedException {
		stub.failWith(500, "INTERNAL", "An internal error has occurred.");
		assertProblem(caption(), 502, "UPSTREAM_ERROR");
		int failedCalls = generateCalls();

		long started = System.nanoTime();
		Reply open = caption();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertProblem(open, 503, "UPSTREAM_UNAVAILABLE");
		assertThat(open.headers().getFirst("Retry-After")).isEqualTo("1");
		assertThat(took).isLessThan(Duration.ofMillis(1_000));
		assertThat(generateCalls()).isEqualTo(failedCalls);

		assertThat(openBreakers()).as("resilience4j.circuitbreaker.state{state=open}").isEqualTo(1);

		stub.reset();
		this.clock.advance(Duration.ofMillis(1_100));
		assertThat(caption().status()).isEqualTo(200);
		assertThat(caption().status()).isEqualTo(200);
		assertThat(generateCalls()).isEqualTo(2);
	}

	private Reply caption() {
		return this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
	}

	/** These answers first, in turn; then the stub's own again. */
	private static void failFirst(ResponseDefinitionBuilder... answers) {
		for (int i = 0; i < answers.length; i++) {
			stub.server()
				.stubFor(generate().inScenario("fail first")
					.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "failed-" + i)
					.willSetStateTo("failed-" + (i + 1))
					.willReturn(answers[i]));
		}
	}

	/** Wins over the stub's default mappings (priority 10). */
	private static MappingBuilder generate() {
		return post(urlPathMatching(GENERATE)).atPriority(1);
	}

	private static ResponseDefinitionBuilder googleError(int status, String googleStatus, String retryDelay) {
		String details = (retryDelay != null)
				? ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay
						+ "\"}]"
				: "";
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":" + status + ",\"message\":\"Try again later.\",\"status\":\""
					+ googleStatus + "\"" + details + "}}");
	}

	private static int generateCalls() {
		return stub.server().findAll(postRequestedFor(urlPathMatching(GENERATE))).size();
	}

	private void awaitCalls(int active, int queued) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (gauge("gemini.calls.active") != active || gauge("gemini.calls.queued") != queued) {
			assertThat(System.nanoTime()).as("calls in flight and queued never reached %d and %d", active, queued)
				.isLessThan(until);
			Thread.sleep(10);
		}
	}

	private double openBreakers() {
		return this.meters.find("resilience4j.circuitbreaker.state")
			.tag("state", "open")
			.gauges()
			.stream()
			.mapToDouble(Gauge::value)
			.sum();
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

}
