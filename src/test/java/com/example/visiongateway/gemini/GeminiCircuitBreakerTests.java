package com.example.visiongateway.gemini;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.gemini.wire.GenerateContentResponse;
import com.example.visiongateway.support.MovableClock;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.example.visiongateway.gemini.GeminiClientRetryTests.ANSWER;
import static com.example.visiongateway.gemini.GeminiClientRetryTests.googleError;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class GeminiCircuitBreakerTests {

	private static final String FLASH = "gemini-3.8-flash";

	private static final String PRO = "gemini-3.1-pro-preview";

	private static final Duration WAIT_IN_OPEN = Duration.ofMillis(500);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private WireMockServer server;

	private final MovableClock clock = MovableClock.running();

	private CircuitBreakerRegistry breakers;

	private GeminiClient client;

	@BeforeEach
	void start() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		// One attempt per call, so each call is one exchange the breaker sees; opens at
		// 50 % of 4 or more
		GeminiResilienceProperties resilience = TestResilience.properties(Duration.ofSeconds(10), 8, 8,
				TestResilience.retry(1, 20, 80), TestResilience.breaker(4, WAIT_IN_OPEN, 2));
		this.breakers = GeminiResilience.circuitBreakers(resilience, this.clock);
		GeminiProperties properties = new GeminiProperties(URI.create("http://127.0.0.1:" + this.server.port()),
				"v1beta", "test-key", false, FLASH, Map.of(), Duration.ofSeconds(2), Duration.ofMillis(500),
				Duration.ofSeconds(5), Duration.ofMillis(50), DataSize.ofMegabytes(8), DataSize.ofMegabytes(16));
		this.client = new GeminiClient(WebClient.builder(), properties, JSON,
				TestResilience.resilience(resilience, this.meters, this.breakers));
	}

	@AfterEach
	void stop() {
		this.client.close();
		this.server.stop();
	}

	@Test
	void opensAfterRepeatedServerErrorsAndThenRefusesWithoutCallingGemini() {
		answer(FLASH, googleError(500, null));
		for (int i = 0; i < 4; i++) {
			assertThat(failure(FLASH)).isInstanceOf(GeminiApiException.class);
		}

		long started = System.nanoTime();
		Throwable refused = failure(FLASH);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(refused).isInstanceOf(GeminiOverloadedException.class);
		assertThat(((GeminiOverloadedException) refused).retryAfter()).isEqualTo(WAIT_IN_OPEN);
		assertThat(took).isLessThan(Duration.ofMillis(200));
		assertThat(upstreamCalls()).isEqualTo(4);
		assertThat(this.breakers.circuitBreaker(FLASH).getState()).isEqualTo(State.OPEN);
		assertThat(this.meters.get("gemini.rejections").tag("reason", "circuit_open").counter().count()).isEqualTo(1);
	}

	@Test
	void countsTimeoutsAndBrokenConnectionsAsFailures() {
		answer(FLASH, okJson(ANSWER).withFixedDelay(2_000));
		failure(FLASH);
		failure(FLASH);
		answer(FLASH, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		failure(FLASH);
		failure(FLASH);

		assertThat(failure(FLASH)).isInstanceOf(GeminiOverloadedException.class);
	}

	@Test
	void closesAgainWhenTheProbesAfterTheWaitSucceed() {
		openFlash();
		answer(FLASH, okJson(ANSWER));

		this.clock.advance(WAIT_IN_OPEN.plusMillis(100));

		assertThat(generate(FLASH).block().text()).isEqualTo("A rocket.");
		assertThat(this.breakers.circuitBreaker(FLASH).getState()).isEqualTo(State.HALF_OPEN);
		assertThat(generate(FLASH).block().text()).isEqualTo("A rocket.");
		assertThat(this.breakers.circuitBreaker(FLASH).getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void opensAgainWhenAProbeFails() {
		openFlash();
		this.clock.advance(WAIT_IN_OPEN.plusMillis(100));
		int before = upstreamCalls();

		assertThat(failure(FLASH)).isInstanceOf(GeminiApiException.class);
		assertThat(failure(FLASH)).isInstanceOf(GeminiApiException.class);

		assertThat(this.breakers.circuitBreaker(FLASH).getState()).isEqualTo(State.OPEN);
		assertThat(failure(FLASH)).isInstanceOf(GeminiOverloadedException.class);
		assertThat(upstreamCalls()).isEqualTo(before + 2);
	}

	@Test
	void doesNotCountRequestsGeminiRightlyRefused() {
		answer(FLASH, googleError(400, null));
		for (int i = 0; i < 4; i++) {
			failure(FLASH);
		}
		answer(FLASH, googleError(429, "1s"));
		for (int i = 0; i < 4; i++) {
			failure(FLASH);
		}

		assertThat(this.breakers.circuitBreaker(FLASH).getState()).isEqualTo(State.CLOSED);
		assertThat(failure(FLASH)).isInstanceOf(GeminiApiException.class);
		assertThat(upstreamCalls()).isEqualTo(9);
	}

	@Test
	void keepsOneBreakerPerModelAndOneForFiles() {
		openFlash();
		answer(PRO, okJson(ANSWER));
		this.server.stubFor(get(urlPathEqualTo("/v1beta/files/f1"))
			.willReturn(okJson("{\"name\":\"files/f1\",\"state\":\"ACTIVE\"}")));

		assertThat(failure(FLASH)).isInstanceOf(GeminiOverloadedException.class);
		assertThat(generate(PRO).block().text()).isEqualTo("A rocket.");
		assertThat(this.client.getFile("f1").block().isActive()).isTrue();
	}

	private void openFlash() {
		answer(FLASH, googleError(503, null));
		for (int i = 0; i < 4; i++) {
			failure(FLASH);
		}
		assertThat(this.breakers.circuitBreaker(FLASH).getState()).isEqualTo(State.OPEN);
	}

	private void answer(String model, ResponseDefinitionBuilder answer) {
		this.server.stubFor(post(urlPathEqualTo("/v1beta/models/" + model + ":generateContent")).willReturn(answer));
	}

	private Mono<GenerateContentResponse> generate(String model) {
		return this.client.generateContent(model, GenerateContentRequest.of(new TextPart("hello")));
	}

	private Throwable failure(String model) {
		Throwable failure = catchThrowable(() -> generate(model).block());
		assertThat(failure).isNotNull();
		return failure;
	}

	private int upstreamCalls() {
		return this.server.findAll(anyRequestedFor(anyUrl())).size();
	}

}
