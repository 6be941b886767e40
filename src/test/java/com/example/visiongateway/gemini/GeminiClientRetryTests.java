package com.example.visiongateway.gemini;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.gemini.wire.GeminiFile;
import com.example.visiongateway.gemini.wire.GenerateContentResponse;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class GeminiClientRetryTests {

	static final String GENERATE = "/v1beta/models/gemini-3.8-flash:generateContent";

	static final String ANSWER = """
			{"candidates":[{"content":{"role":"model","parts":[{"text":"A rocket."}]},"finishReason":"STOP"}],
			"usageMetadata":{"promptTokenCount":270,"candidatesTokenCount":3,"totalTokenCount":273}}""";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private SimpleMeterRegistry meters;

	private WireMockServer server;

	private GeminiClient client;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		this.server.start();
		this.client = client(TestResilience.properties(Duration.ofSeconds(10), 8, 8, TestResilience.retry(4, 20, 80),
				TestResilience.BREAKER_OFF));
	}

	@AfterEach
	void stopServer() {
		this.client.close();
		this.server.stop();
	}

	@ParameterizedTest
	@ValueSource(ints = { 408, 429, 500, 502, 503, 504 })
	void retriesATransientStatusAndCountsTheRetry(int status) {
		sequence(GENERATE, googleError(status, null), okJson(ANSWER));

		GenerateContentResponse response = generate().block();

		assertThat(response.text()).isEqualTo("A rocket.");
		assertThat(generateRequests()).hasSize(2);
		assertThat(retries("http_" + status)).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404 })
	void neverRetriesARequestGeminiRefused(int status) {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(googleError(status, null)));

		Throwable failure = catchThrowable(() -> generate().block());

		assertThat(failure).isInstanceOf(GeminiApiException.class);
		assertThat(((GeminiApiException) failure).httpStatus()).isEqualTo(status);
		assertThat(generateRequests()).hasSize(1);
		assertThat(this.meters.find("gemini.retries").counters()).isEmpty();
	}

	@Test
	void givesUpAfterTheConfiguredAttemptsWithTheLastFailure() {
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(googleError(500, null)));

		Throwable failure = catchThrowable(() -> generate().block());

		assertThat(failure).isInstanceOf(GeminiApiException.class);
		assertThat(((GeminiApiException) failure).httpStatus()).isEqualTo(500);
		assertThat(generateRequests()).hasSize(4);
		assertThat(retries("http_500")).isEqualTo(3);
	}

	@Test
	void backsOffExponentiallyBetweenAttempts() {
		this.client = client(TestResilience.properties(Duration.ofSeconds(10), 8, 8, TestResilience.retry(4, 100, 250),
				TestResilience.BREAKER_OFF));
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(googleError(503, null)));

		catchThrowable(() -> generate().block());

		List<LoggedRequest> attempts = generateRequests();
		assertThat(attempts).hasSize(4);
		// No jitter: 100 ms, 200 ms, then capped at 250 ms
		assertThat(gapMillis(attempts, 0)).isBetween(100L, 100L + 400);
		assertThat(gapMillis(attempts, 1)).isBetween(200L, 200L + 400);
		assertThat(gapMillis(attempts, 2)).isBetween(250L, 250L + 400);
	}

	@Test
	void waitsAtLeastTheRetryDelayGoogleAskedFor() {
		sequence(GENERATE, googleError(429, "0.6s"), okJson(ANSWER));

		long started = System.nanoTime();
		generate().block();
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(600));
		assertThat(gapMillis(generateRequests(), 0)).isGreaterThanOrEqualTo(600L);
	}

	@Test
	void failsAtOnceWithGooglesDelayWhenWaitingWouldPassTheDeadline() {
		this.client = client(TestResilience.properties(Duration.ofSeconds(3), 8, 8, TestResilience.retry(4, 20, 80),
				TestResilience.BREAKER_OFF));
		warmUp();
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(googleError(429, "120s")));

		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> generate().block());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure).isInstanceOf(GeminiApiException.class);
		assertThat(((GeminiApiException) failure).httpStatus()).isEqualTo(429);
		assertThat(((GeminiApiException) failure).retryDelay()).contains(Duration.ofSeconds(120));
		assertThat(took).isLessThan(Duration.ofSeconds(1));
		assertThat(generateRequests()).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource(value = Fault.class, names = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void retriesABrokenConnection(Fault fault) {
		sequence(GENERATE, aResponse().withFault(fault), okJson(ANSWER));

		assertThat(generate().block().text()).isEqualTo("A rocket.");
		assertThat(generateRequests()).hasSize(2);
		assertThat(retries("connection")).isEqualTo(1);
	}

	@Test
	void readsTheImageAfreshForEveryAttempt() {
		sequence(GENERATE, googleError(503, null), okJson(ANSWER));
		TestByteSource image = TestByteSource.random(150_000);
		GenerateContentRequest request = new GenerateContentRequest(
				List.of(new InlineImagePart(image, "image/png"), new TextPart("What is this?")), null, Map.of(), null);

		this.client.generateContent("gemini-3.8-flash", request).block();

		List<LoggedRequest> attempts = generateRequests();
		assertThat(attempts).hasSize(2);
		assertThat(attempts.get(1).getBody()).isEqualTo(attempts.get(0).getBody());
		assertThat(attempts.get(1).getBody()).hasSize((int) GenerateContentBody.contentLength(request));
		assertThat(image.opened).hasValue(2);
		assertThat(image.closed).hasValue(2);
	}

	@Test
	void resumesTheSameSessionWhenAChunkFails() {
		// Changed by issue 13 (item 9): a failed chunk used to restart with a new
		// session, leaving duplicate files.
		TestByteSource image = TestByteSource.random(100_000);
		String upload = "/upload/v1beta/files";
		this.server.stubFor(post(urlPathEqualTo(upload)).withHeader("X-Goog-Upload-Command", equalTo("start"))
			.willReturn(session("S1")));
		this.server.stubFor(chunk("S1", 0).willReturn(aResponse().withHeader("X-Goog-Upload-Status", "active")));
		sequence("chunk", () -> chunk("S1", 65_536), googleError(503, null),
				okJson("{\"file\":{\"name\":\"files/f1\",\"state\":\"ACTIVE\"}}").withHeader("X-Goog-Upload-Status",
						"final"));
		this.server.stubFor(post(urlPathEqualTo(upload)).withQueryParam("upload_id", equalTo("S1"))
			.withHeader("X-Goog-Upload-Command", equalTo("query"))
			.willReturn(aResponse().withHeader("X-Goog-Upload-Status", "active")
				.withHeader("X-Goog-Upload-Size-Received", "65536")));

		GeminiFile file = this.client.upload(image, "image/png", "rocket.png").block();

		assertThat(file.name()).isEqualTo("files/f1");
		assertThat(this.server
			.findAll(postRequestedFor(urlPathEqualTo(upload)).withHeader("X-Goog-Upload-Command", equalTo("start"))))
			.hasSize(1);
		List<LoggedRequest> sent = this.server
			.findAll(postRequestedFor(urlPathEqualTo(upload)).withQueryParam("upload_id", equalTo("S1")));
		assertThat(sent).extracting((request) -> request.getHeader("X-Goog-Upload-Command"))
			.containsExactly("upload", "upload, finalize", "query", "upload, finalize");
		assertThat(sent.get(3).getHeader("X-Goog-Upload-Offset")).isEqualTo("65536");
		byte[] whole = new byte[100_000];
		System.arraycopy(sent.get(0).getBody(), 0, whole, 0, 65_536);
		System.arraycopy(sent.get(3).getBody(), 0, whole, 65_536, 100_000 - 65_536);
		assertThat(whole).isEqualTo(image.bytes());
		assertThat(retries("upload", "http_503")).isEqualTo(1);
	}

	@Test
	void startsANewSessionOnlyWhenTheOldOneIsGone() {
		TestByteSource image = TestByteSource.random(1_000);
		String upload = "/upload/v1beta/files";
		sequence("start", () -> post(urlPathEqualTo(upload)).withHeader("X-Goog-Upload-Command", equalTo("start")),
				session("S1"), session("S2"));
		this.server.stubFor(chunk("S1", 0).willReturn(googleError(503, null)));
		this.server.stubFor(post(urlPathEqualTo(upload)).withQueryParam("upload_id", equalTo("S1"))
			.withHeader("X-Goog-Upload-Command", equalTo("query"))
			.willReturn(googleError(503, null)));
		this.server.stubFor(chunk("S2", 0).willReturn(okJson("{\"file\":{\"name\":\"files/f2\",\"state\":\"ACTIVE\"}}")
			.withHeader("X-Goog-Upload-Status", "final")));

		GeminiFile file = this.client.upload(image, "image/png", "rocket.png").block();

		assertThat(file.name()).isEqualTo("files/f2");
		assertThat(this.server
			.findAll(postRequestedFor(urlPathEqualTo(upload)).withHeader("X-Goog-Upload-Command", equalTo("start"))))
			.hasSize(2);
	}

	@Test
	void endsTheCallAtTheDeadlineAndFreesItsSlot() throws InterruptedException {
		this.client = client(TestResilience.properties(Duration.ofMillis(600), 1, 0, TestResilience.retry(4, 20, 80),
				TestResilience.BREAKER_OFF));
		warmUp();
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(okJson(ANSWER).withFixedDelay(4_000)));

		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> generate().block());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure).isInstanceOf(GeminiTimeoutException.class).hasMessageContaining("deadline of 600 ms");
		assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofMillis(600 + 1_000));
		// The only connection is free again: the cancelled exchange closes it on the
		// event loop, a moment after the caller saw the timeout
		await(() -> gauge("gemini.calls.active") == 0);
		assertThat(this.client.getFile("warm-up").block().isActive()).isTrue();
	}

	@Test
	void stopsRetryingWhenTheNextBackoffWouldPassTheDeadline() {
		// Attempts at about 0, 1 and 2 s; the third answer has a whole second to arrive
		// before the deadline, so a loaded machine does not turn the stop into a timeout
		this.client = client(TestResilience.properties(Duration.ofMillis(3_000), 8, 8,
				TestResilience.retry(10, 1_000, 1_000), TestResilience.BREAKER_OFF));
		warmUp();
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(googleError(503, null)));

		long started = System.nanoTime();
		Throwable failure = catchThrowable(() -> generate().block());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(failure).isInstanceOf(GeminiApiException.class);
		assertThat(took).isLessThan(Duration.ofMillis(3_000));
		assertThat(generateRequests()).hasSizeBetween(2, 4);
	}

	@Test
	void refusesACallAtOnceWhenTheCapAndTheQueueAreFull() throws Exception {
		this.client = client(TestResilience.properties(Duration.ofSeconds(10), 1, 1, TestResilience.retry(4, 20, 80),
				TestResilience.BREAKER_OFF));
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(okJson(ANSWER).withFixedDelay(1_000)));
		CompletableFuture<GenerateContentResponse> inFlight = generate().toFuture();
		CompletableFuture<GenerateContentResponse> queued = generate().toFuture();
		await(() -> gauge("gemini.calls.active") == 1 && gauge("gemini.calls.queued") == 1);

		long started = System.nanoTime();
		Throwable refused = catchThrowable(() -> generate().block());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(refused).isInstanceOf(GeminiOverloadedException.class);
		assertThat(((GeminiOverloadedException) refused).retryAfter()).isEqualTo(GeminiResilience.OVERLOAD_RETRY_AFTER);
		assertThat(took).isLessThan(Duration.ofMillis(300));
		assertThat(inFlight.get().text()).isEqualTo("A rocket.");
		assertThat(queued.get().text()).isEqualTo("A rocket.");
		assertThat(generateRequests()).hasSize(2);
		assertThat(this.meters.get("gemini.rejections").tag("reason", "overloaded").counter().count()).isEqualTo(1);
	}

	@Test
	void aCancelledQueuedCallLeavesTheQueueAndTheNextOneRuns() throws Exception {
		this.client = client(TestResilience.properties(Duration.ofSeconds(10), 1, 1, TestResilience.retry(1, 20, 80),
				TestResilience.BREAKER_OFF));
		this.server.stubFor(post(urlPathEqualTo(GENERATE)).willReturn(okJson(ANSWER).withFixedDelay(1_000)));
		CompletableFuture<GenerateContentResponse> inFlight = generate().toFuture();
		Disposable abandoned = generate().subscribe();
		await(() -> gauge("gemini.calls.active") == 1 && gauge("gemini.calls.queued") == 1);

		abandoned.dispose();
		await(() -> gauge("gemini.calls.queued") == 0);
		CompletableFuture<GenerateContentResponse> next = generate().toFuture();

		assertThat(inFlight.get().text()).isEqualTo("A rocket.");
		assertThat(next.get().text()).isEqualTo("A rocket.");
		assertThat(generateRequests()).hasSize(2);
		assertThat(this.meters.find("gemini.rejections").counters()).isEmpty();
	}

	private GeminiClient client(GeminiResilienceProperties resilience) {
		if (this.client != null) {
			this.client.close();
		}
		// Gauges are bound to the first client that registers them: a new client, a new
		// registry
		this.meters = new SimpleMeterRegistry();
		GeminiProperties properties = new GeminiProperties(URI.create("http://127.0.0.1:" + this.server.port()),
				"v1beta", "test-key", false, "gemini-3.8-flash", Map.of(), Duration.ofSeconds(2), Duration.ofSeconds(5),
				Duration.ofSeconds(5), Duration.ofMillis(50), DataSize.ofKilobytes(64), DataSize.ofMegabytes(16));
		return new GeminiClient(WebClient.builder(), properties, JSON, TestResilience.resilience(resilience,
				this.meters, GeminiResilience.circuitBreakers(resilience, Clock.systemUTC())));
	}

	private Mono<GenerateContentResponse> generate() {
		return this.client.generateContent("gemini-3.8-flash", GenerateContentRequest.of(new TextPart("hello")));
	}

	/** One quick call first, so class loading and connecting do not count as waiting. */
	private void warmUp() {
		this.server.stubFor(get(urlPathEqualTo("/v1beta/files/warm-up"))
			.willReturn(okJson("{\"name\":\"files/warm-up\",\"state\":\"ACTIVE\"}")));
		assertThat(this.client.getFile("warm-up").block().isActive()).isTrue();
	}

	private void sequence(String path, ResponseDefinitionBuilder... answers) {
		sequence("sequence", () -> post(urlPathEqualTo(path)), answers);
	}

	/** The answers in turn, the last one from then on. */
	private void sequence(String scenario, Supplier<MappingBuilder> request, ResponseDefinitionBuilder... answers) {
		for (int i = 0; i < answers.length; i++) {
			ScenarioMappingBuilder step = request.get()
				.inScenario(scenario)
				.whenScenarioStateIs((i == 0) ? Scenario.STARTED : "step-" + i);
			if (i < answers.length - 1) {
				step = step.willSetStateTo("step-" + (i + 1));
			}
			this.server.stubFor(step.willReturn(answers[i]));
		}
	}

	private ResponseDefinitionBuilder session(String id) {
		return aResponse().withHeader("X-Goog-Upload-URL",
				"https://upload.example/upload/v1beta/files?upload_id=" + id + "&upload_protocol=resumable");
	}

	private static MappingBuilder chunk(String session, long offset) {
		return post(urlPathEqualTo("/upload/v1beta/files")).withQueryParam("upload_id", equalTo(session))
			.withHeader("X-Goog-Upload-Offset", equalTo(Long.toString(offset)));
	}

	static ResponseDefinitionBuilder googleError(int status, String retryDelay) {
		String details = (retryDelay != null)
				? ",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"" + retryDelay
						+ "\"}]"
				: "";
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":{\"code\":" + status + ",\"message\":\"failed\",\"status\":\"X\"" + details + "}}");
	}

	private List<LoggedRequest> generateRequests() {
		return this.server.findAll(postRequestedFor(urlPathEqualTo(GENERATE)));
	}

	private double retries(String reason) {
		return retries("generate", reason);
	}

	private double retries(String operation, String reason) {
		Counter counter = this.meters.find("gemini.retries").tags("operation", operation, "reason", reason).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	private static long gapMillis(List<LoggedRequest> requests, int index) {
		return requests.get(index + 1).getLoggedDate().getTime() - requests.get(index).getLoggedDate().getTime();
	}

	static void await(BooleanSupplier condition) throws InterruptedException {
		long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("condition not met within 5 s").isLessThan(until);
			Thread.sleep(10);
		}
	}

}
