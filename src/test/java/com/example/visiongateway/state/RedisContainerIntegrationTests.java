package com.example.visiongateway.state;

import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis store on a Redis of its own in a container, connected through Boot's
 * {@code @ServiceConnection}: for machines with Docker and no Redis. Skipped where Docker
 * is missing; {@link MultiReplicaIntegrationTests} and {@link RedisLossIntegrationTests}
 * cover the same store on a local redis-server.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestPropertySource(properties = { "vision.state.store=redis", "vision.transfer.inline-request-limit=1KB" })
class RedisContainerIntegrationTests extends GatewayIntegrationTest {

	@Container
	@ServiceConnection(name = "redis")
	static final GenericContainer<?> redis = new GenericContainer<>("redis:7.4-alpine").withExposedPorts(6379);

	@Autowired
	private StringRedisTemplate template;

	@Test
	void theFileRegistryLivesInTheContainersRedis() {
		byte[] image = TestImages.pngOfSize(256 * 1024, 7);

		assertThat(this.gateway.post("/v1/vision/caption", parts().image("a.png", image, "image/png")).status())
			.isEqualTo(200);
		assertThat(this.gateway.post("/v1/vision/caption", parts().image("b.png", image, "image/png")).status())
			.isEqualTo(200);

		assertThat(stub.uploadCount()).isEqualTo(1);
		assertThat(this.template.keys("vision:*")).isNotEmpty();
	}

}
