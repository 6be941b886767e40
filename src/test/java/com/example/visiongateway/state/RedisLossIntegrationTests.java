package com.example.visiongateway.state;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.visiongateway.stub.GeminiStub;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.RedisServerProcess;
import com.example.visiongateway.support.Replicas;
import com.example.visiongateway.support.TestImages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Redis lost mid-run and back again (issue 15): two replicas on a redis-server of this
 * test's own, so stopping it harms nothing else. No request fails while Redis is gone,
 * each served operation is counted as a fallback, the {@code redis} health component says
 * DOWN while readiness stays UP, and once Redis is back the replicas share state again
 * without a restart.
 */
class RedisLossIntegrationTests {

	private static final GeminiStub stub = GeminiStub.start();

	private static RedisServerProcess redis;

	private static Replicas replicas;

	private static ExecutorService callers;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(RedisServerProcess.available(), "redis-server is not on the PATH");
		redis = RedisServerProcess.start();
		// Every image goes through the Files API, so each request uses the shared file
		// registry; Redis is tried again 200 ms after a failure
		replicas = Replicas.start(2, stub.baseUrl(), redis.url(), "vg-loss-" + UUID.randomUUID() + ":",
				Map.of("vision.transfer.inline-request-limit", "1KB", "vision.state.retry-after", "200ms"));
		callers = Executors.newFixedThreadPool(8);
	}

	@AfterAll
	static void stop() throws Exception {
		if (callers != null) {
			callers.shutdownNow();
		}
		if (replicas != null) {
			replicas.close();
		}
		if (redis != null) {
			redis.close();
		}
		stub.close();
	}

	@Test
	void redisStoppedMidRunFailsNoRequestAndStateIsSharedAgainOnceItIsBack() throws Exception {
		assertThat(health(0, "/actuator/health/redis")).isEqualTo(200);
		uploadedOnceOverBothReplicas(TestImages.pngOfSize(256 * 1024, 1));

		AtomicInteger sent = new AtomicInteger();
		List<Future<Reply>> replies = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			int replica = i % 2;
			byte[] image = TestImages.pngOfSize(256 * 1024, 100 + i);
			replies.add(callers.submit(() -> {
				sent.incrementAndGet();
				return caption(replica, image);
			}));
			if (i == 10) {
				// Mid-run: requests are in flight on both replicas when Redis goes
				redis.stop();
			}
		}
		for (Future<Reply> reply : replies) {
			Reply answer = reply.get();
			assertThat(answer.status()).as(answer.body()).isEqualTo(200);
		}
		assertThat(sent).hasValue(40);

		assertThat(fallbacks(0) + fallbacks(1)).isPositive();
		assertThat(health(0, "/actuator/health/redis")).isEqualTo(503);
		assertThat(health(0, "/actuator/health/readiness")).isEqualTo(200);
		assertThat(health(1, "/actuator/health/readiness")).isEqualTo(200);

		redis.restart();
		awaitShared();
		uploadedOnceOverBothReplicas(TestImages.pngOfSize(256 * 1024, 2));
	}

	/**
	 * The same new image asked of replica 1 then replica 2 is uploaded once: the file
	 * registry is shared.
	 */
	private static void uploadedOnceOverBothReplicas(byte[] image) {
		int before = stub.uploadCount();
		assertThat(caption(0, image).status()).isEqualTo(200);
		assertThat(caption(1, image).status()).isEqualTo(200);
		assertThat(stub.uploadCount() - before).isEqualTo(1);
	}

	/**
	 * Until both replicas use Redis again: Lettuce reconnects on its own, and a replica's
	 * guard tries the shared store on the next operation after its pause.
	 */
	private static void awaitShared() throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
		byte[] probe = TestImages.tinyPng(3);
		while (!(shared(0) && shared(1))) {
			assertThat(System.nanoTime()).as("replicas shared again within 15 s").isLessThan(deadline);
			caption(0, probe);
			caption(1, probe);
			Thread.sleep(100);
		}
		assertThat(health(0, "/actuator/health/redis")).isEqualTo(200);
	}

	private static boolean shared(int replica) {
		return health(replica, "/actuator/health/redis") == 200
				&& replicas.context(replica).getBean(StateGuard.class).shared();
	}

	private static Reply caption(int replica, byte[] image) {
		return replicas.client(replica).post("/v1/vision/caption", parts().image("image.png", image, "image/png"));
	}

	private static int health(int replica, String path) {
		return replicas.client(replica).get(path).status();
	}

	private static double fallbacks(int replica) {
		return replicas.context(replica)
			.getBean(MeterRegistry.class)
			.find("vision.state.fallbacks")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

}
