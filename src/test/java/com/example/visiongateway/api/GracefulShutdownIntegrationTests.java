package com.example.visiongateway.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.VisionGatewayApplication;
import com.example.visiongateway.stub.GeminiStub;
import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code server.shutdown=graceful}: closing the application lets a request already
 * waiting on Gemini finish, while new connections are refused. The application runs
 * outside the test context cache because the test closes it.
 */
class GracefulShutdownIntegrationTests {

	private static final String GENERATE = "/[^/]+/models/[^/:]+:generateContent";

	private static final int GEMINI_DELAY_MILLIS = 4000;

	private final GeminiStub stub = GeminiStub.start();

	private final ExecutorService threads = Executors.newFixedThreadPool(2);

	private ConfigurableApplicationContext context;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
		this.stub.close();
		this.threads.shutdownNow();
	}

	@Test
	void finishesTheRequestInFlightAndRefusesNewOnesWhileShuttingDown() throws Exception {
		this.stub.server()
			.stubFor(post(urlPathMatching(GENERATE)).atPriority(1)
				.willReturn(aResponse().withFixedDelay(GEMINI_DELAY_MILLIS)
					.withHeader("Content-Type", "application/json")
					.withBody(
							"""
									{"candidates":[{"content":{"role":"model","parts":[{"text":"a slow caption"}]},
									"finishReason":"STOP","index":0}],
									"usageMetadata":{"promptTokenCount":300,"candidatesTokenCount":3,"totalTokenCount":303}}""")));
		this.context = new SpringApplicationBuilder(VisionGatewayApplication.class).run("--server.port=0",
				"--server.address=127.0.0.1", "--vision.gemini.base-url=" + this.stub.baseUrl(),
				"--vision.gemini.api-key=" + GatewayIntegrationTest.GEMINI_KEY);
		int port = Integer.parseInt(this.context.getEnvironment().getProperty("local.server.port"));
		GatewayClient gateway = new GatewayClient(port);

		// Own threads: the common pool has one thread on two cores, so the close would
		// queue behind the blocked request.
		CompletableFuture<Reply> inFlight = CompletableFuture
			.supplyAsync(
					() -> gateway.post("/v1/vision/caption",
							parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")),
					this.threads);
		awaitGeminiCall();
		CompletableFuture<Void> closing = CompletableFuture.runAsync(this.context::close, this.threads);

		awaitRefused(port);
		assertThat(inFlight).as("still waiting on Gemini while new connections are refused").isNotDone();
		Reply reply = inFlight.get(30, TimeUnit.SECONDS);
		closing.get(30, TimeUnit.SECONDS);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("results").get(0).get("caption").asString()).isEqualTo("a slow caption");
		assertThat(this.context.isActive()).isFalse();
	}

	private void awaitGeminiCall() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.stub.server().findAll(postRequestedFor(urlPathMatching(GENERATE))).isEmpty()) {
			assertThat(System.nanoTime()).as("the caption request reached Gemini").isLessThan(deadline);
			Thread.sleep(20);
		}
	}

	/**
	 * Polls with fresh connections until one is refused; the first may still race the
	 * start of the shutdown.
	 */
	private static void awaitRefused(int port) throws InterruptedException {
		HttpClient fresh = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
			.timeout(Duration.ofSeconds(2))
			.build();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GEMINI_DELAY_MILLIS / 2);
		while (System.nanoTime() < deadline) {
			try {
				fresh.send(health, HttpResponse.BodyHandlers.discarding());
				Thread.sleep(50);
			}
			catch (ConnectException refused) {
				return;
			}
			catch (IOException other) {
				Thread.sleep(50);
			}
		}
		assertThatExceptionOfType(ConnectException.class).as("a new connection during shutdown")
			.isThrownBy(() -> fresh.send(health, HttpResponse.BodyHandlers.discarding()));
	}

}
