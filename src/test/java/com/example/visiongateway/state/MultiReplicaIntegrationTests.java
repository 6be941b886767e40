package com.example.visiongateway.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import com.example.visiongateway.stub.GeminiStub;
import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.Replicas;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static com.example.visiongateway.support.KeyHashes.sha256Hex;
import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three replicas on one Redis (127.0.0.1:6379, keys under a prefix of this class's own)
 * and one Gemini stub behave as one gateway (issue 15). Each test uses an API key of its
 * own, so the shared quotas of one test never touch another's.
 */
class MultiReplicaIntegrationTests {

	static final String REDIS_URL = "redis://127.0.0.1:6379";

	private static final GeminiStub stub = GeminiStub.start();

	private static final List<String> KEYS = List.of("uploads", "quota", "budget", "cooldown", "cache");

	/** A model with a budget of 30 calls a minute for the deployment. */
	private static final String BUDGETED = "gemini-3.5-flash-lite";

	/** A model Gemini asks to cool down. */
	private static final String COOLED = "gemini-3.1-pro-preview";

	private static Replicas replicas;

	private static ExecutorService callers;

	@BeforeAll
	static void startReplicas() {
		StringBuilder hashes = new StringBuilder();
		for (String key : KEYS) {
			hashes.append((hashes.length() > 0) ? "," : "").append(key).append(':').append(sha256Hex(key(key)));
		}
		replicas = Replicas.start(3, stub.baseUrl(), REDIS_URL, "vg-test-" + UUID.randomUUID() + ":",
				Map.of("vision.auth.enabled", "true", "vision.auth.key-hashes", hashes,
						"vision.auth.requests-per-minute", "60", "vision.transfer.inline-request-limit", "1KB",
						"vision.gemini.models.[" + BUDGETED + "].requests-per-minute", "30"));
		callers = Executors.newFixedThreadPool(32);
	}

	@AfterAll
	static void stopReplicas() {
		callers.shutdownNow();
		replicas.close();
		stub.close();
	}

	@BeforeEach
	void resetStub() {
		stub.reset();
	}

	@Test
	void thirtyConcurrentRequestsForOneNewImageOverThreeReplicasUploadItOnce() throws Exception {
		byte[] image = TestImages.pngOfSize(256 * 1024, 15);

		List<Reply> replies = spread(30, (replica) -> client(replica, "uploads").post("/v1/vision/caption",
				parts().image("same.png", image, "image/png")));

		assertThat(replies).allSatisfy((reply) -> assertThat(reply.status()).as(reply.body()).isEqualTo(200));
		assertThat(stub.uploadCount()).isEqualTo(1);
		assertThat(stub.generateContentRequests()).hasSize(30);
	}

	@Test
	void aCallerQuotaOfSixtyPerMinuteHoldsForTheWholeDeployment() throws Exception {
		byte[] image = TestImages.tinyPng(60);

		List<Reply> replies = spread(90, (replica) -> client(replica, "quota").post("/v1/vision/tokens",
				parts().image("tiny.png", image, "image/png")));

		long admitted = replies.stream().filter((reply) -> reply.status() == 200).count();
		long refused = replies.stream().filter((reply) -> reply.status() == 429).count();
		assertThat(admitted).isBetween(57L, 63L);
		assertThat(admitted + refused).isEqualTo(90);
	}

	@Test
	void aModelBudgetOfThirtyPerMinuteLetsAtMostThirtyOneCallsReachGemini() throws Exception {
		byte[] image = TestImages.tinyPng(30);

		List<Reply> replies = spread(45, (replica) -> client(replica, "budget").post("/v1/vision/caption",
				parts().image("tiny.png", image, "image/png").field("model", BUDGETED)));

		List<Reply> refused = replies.stream().filter((reply) -> reply.status() == 429).toList();
		assertThat(stub.generateContentRequests()).hasSizeBetween(29, 31);
		assertThat(replies.stream().filter((reply) -> reply.status() == 200).count())
			.isEqualTo(stub.generateContentRequests().size());
		assertThat(refused).hasSize(45 - stub.generateContentRequests().size()).allSatisfy((reply) -> {
			assertThat(reply.json().get("code").asString()).isEqualTo("RATE_LIMITED");
			assertThat(Long.parseLong(reply.headers().getFirst("Retry-After"))).isBetween(1L, 60L);
		});
	}

	@Test
	void afterGeminiAsksOneReplicaToWaitFiveSecondsNoReplicaCallsThatModelBeforeThen() throws Exception {
		byte[] image = TestImages.tinyPng(5);
		stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded", Duration.ofSeconds(5));
		Future<Reply> first = callers.submit(() -> client(0, "cooldown").post("/v1/vision/caption",
				parts().image("tiny.png", image, "image/png").field("model", COOLED)));
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		// Until replica 1 has read Gemini's answer and shared the pause
		while (!replicas.hasKey("cooldown:" + COOLED) && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		long told = System.nanoTime();
		stub.answerText("A cat.");

		List<Future<Reply>> others = List.of(1, 2)
			.stream()
			.map((replica) -> callers.submit(() -> client(replica, "cooldown").post("/v1/vision/caption",
					parts().image("tiny.png", image, "image/png").field("model", COOLED))))
			.toList();
		Thread.sleep(Math.max(0, 4500 - (System.nanoTime() - told) / 1_000_000));

		assertThat(stub.generateContentRequests()).as("calls within the 5 s pause").hasSize(1);
		assertThat(first.get().status()).isEqualTo(200);
		for (Future<Reply> other : others) {
			assertThat(other.get().status()).isEqualTo(200);
		}
		assertThat(stub.generateContentRequests()).hasSize(4);
	}

	/**
	 * {@code count} requests at once, round robin over the replicas, answers in order.
	 */
	private static List<Reply> spread(int count, IntFunction<Reply> request) throws Exception {
		List<Future<Reply>> pending = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int replica = i % replicas.size();
			pending.add(callers.submit(() -> request.apply(replica)));
		}
		List<Reply> replies = new ArrayList<>();
		for (Future<Reply> reply : pending) {
			replies.add(reply.get());
		}
		return replies;
	}

	private static GatewayClient client(int replica, String key) {
		return replicas.client(replica).withHeader("X-API-Key", key(key));
	}

	private static String key(String name) {
		return "vg-test-" + name + "-15";
	}

}
