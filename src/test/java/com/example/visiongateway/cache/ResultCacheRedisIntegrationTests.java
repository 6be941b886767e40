package com.example.visiongateway.cache;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.stub.GeminiStub;
import com.example.visiongateway.support.GatewayClient.Parts;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.RedisServerProcess;
import com.example.visiongateway.support.Replicas;
import com.example.visiongateway.support.TestImages;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.core.StringRedisTemplate;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The result cache with {@code vision.state.store=redis} (issue 15): shared by replicas
 * on one Redis (127.0.0.1:6379, keys under a prefix of this class's own), and served from
 * each replica's memory while Redis is gone (a redis-server of the test's own, so
 * stopping it harms nothing else).
 */
class ResultCacheRedisIntegrationTests {

	private static final GeminiStub stub = GeminiStub.start();

	private static final Map<String, Object> CACHE = Map.of("vision.cache.enabled", "true", "vision.cache.ttl", "1h");

	@BeforeEach
	void resetStub() {
		stub.reset();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Test
	void anAnswerStoredByOneReplicaIsAHitOnAnotherAndItsKeyExpires() {
		String prefix = "vg-test-cache-" + UUID.randomUUID() + ":";
		try (Replicas replicas = Replicas.start(2, stub.baseUrl(), "redis://127.0.0.1:6379", prefix, CACHE)) {
			Parts request = parts().image("cat.png", TestImages.tinyPng(21), "image/png");

			Reply miss = replicas.client(0).post("/v1/vision/caption", request);
			Reply hit = replicas.client(1).post("/v1/vision/caption", request);

			assertThat(miss.status()).as(miss.body()).isEqualTo(200);
			assertThat(miss.headers().getFirst("X-Cache")).isEqualTo("MISS");
			assertThat(hit.headers().getFirst("X-Cache")).isEqualTo("HIT");
			assertThat(hit.json()).isEqualTo(miss.json());
			assertThat(stub.generateContentRequests()).hasSize(1);
			StringRedisTemplate redis = replicas.context(0).getBean(StringRedisTemplate.class);
			Set<String> keys = redis.keys(prefix + "cache:*");
			assertThat(keys).hasSize(1);
			assertThat(redis.getExpire(keys.iterator().next(), TimeUnit.SECONDS)).isBetween(3500L, 3600L);
		}
	}

	@Test
	void withRedisGoneAnswersAreServedAndCachedOnTheReplicaItself() throws Exception {
		assumeTrue(RedisServerProcess.available(), "redis-server is not on the PATH");
		try (RedisServerProcess redis = RedisServerProcess.start();
				Replicas replicas = Replicas.start(1, stub.baseUrl(), redis.url(), "vg-test-cache-down:", CACHE)) {
			Parts request = parts().image("cat.png", TestImages.tinyPng(22), "image/png");
			redis.stop();

			Reply first = replicas.client(0).post("/v1/vision/caption", request);
			Reply second = replicas.client(0).post("/v1/vision/caption", request);

			assertThat(first.status()).as(first.body()).isEqualTo(200);
			assertThat(first.headers().getFirst("X-Cache")).isEqualTo("MISS");
			assertThat(second.status()).as(second.body()).isEqualTo(200);
			assertThat(second.headers().getFirst("X-Cache")).isEqualTo("HIT");
			assertThat(stub.generateContentRequests()).hasSize(1);
			Counter fallbacks = replicas.context(0)
				.getBean(MeterRegistry.class)
				.find("vision.state.fallbacks")
				.tag("concern", "cache")
				.counter();
			assertThat(fallbacks).isNotNull();
			assertThat(fallbacks.count()).isGreaterThanOrEqualTo(2);
		}
	}

}
