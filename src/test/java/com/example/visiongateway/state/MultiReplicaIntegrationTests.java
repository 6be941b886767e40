package com.example.visiongateway.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
						"vision.auth.requests-per-minute", "60", "vision.transfer.inline-request-limit", "1KB"));
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

	private static String sha256Hex(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String key(String name) {
		return "vg-test-" + name + "-15";
	}

}
