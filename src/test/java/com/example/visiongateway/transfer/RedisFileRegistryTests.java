package com.example.visiongateway.transfer;

import java.time.Duration;
import java.util.UUID;

import com.example.visiongateway.state.StateGuard;
import com.example.visiongateway.support.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Against the shared Redis on 127.0.0.1:6379, under a key prefix of its own. */
class RedisFileRegistryTests {

	private static final String SHA = "ef".repeat(32);

	private final String prefix = "test-redis-files-" + UUID.randomUUID() + ":";

	private final MovableClock clock = MovableClock.stopped();

	private final MemoryFileRegistry local = new MemoryFileRegistry(100, Duration.ofHours(2), this.clock);

	private LettuceConnectionFactory connections;

	private StringRedisTemplate redis;

	private RedisFileRegistry registry;

	@BeforeEach
	void connect() {
		this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", 6379));
		this.connections.afterPropertiesSet();
		this.connections.start();
		this.redis = new StringRedisTemplate(this.connections);
		this.registry = new RedisFileRegistry(this.redis, JsonMapper.builder().build(), this.prefix,
				Duration.ofHours(2), this.clock, this.local,
				new StateGuard(Duration.ofSeconds(5), new SimpleMeterRegistry()));
	}

	@AfterEach
	void cleanUp() {
		var keys = this.redis.keys(this.prefix + "*");
		if (keys != null && !keys.isEmpty()) {
			this.redis.delete(keys);
		}
		this.connections.destroy();
	}

	@Test
	void sharesAFileByIdAndByItsOwnersBytes() {
		this.registry.remember(file("f1", "alice", SHA, Duration.ofHours(48)));

		assertThat(this.registry.findById("f1")).map(RegisteredFile::owner).contains("alice");
		assertThat(this.registry.findBySha256("alice", SHA)).map(RegisteredFile::id).contains("f1");
		assertThat(this.registry.findBySha256("bob", SHA)).isEmpty();
		assertThat(this.redis.getExpire(this.prefix + "file:f1")).as("seconds until the reuse margin")
			.isBetween(Duration.ofHours(46).toSeconds() - 5, Duration.ofHours(46).toSeconds());
	}

	@Test
	void aForgottenFileIsNotFoundEvenThroughTheIndexThatOutlivesIt() {
		this.registry.remember(file("f1", "alice", SHA, Duration.ofHours(48)));

		this.registry.forget("f1");

		assertThat(this.redis.hasKey(this.prefix + "file-sha:alice:" + SHA)).isTrue();
		assertThat(this.registry.findBySha256("alice", SHA)).isEmpty();
		assertThat(this.registry.findById("f1")).isEmpty();
	}

	@Test
	void remembersNothingWithoutOwnerContentOrExpiryOrAlreadyPastTheMargin() {
		this.registry.remember(file("f1", null, SHA, Duration.ofHours(48)));
		this.registry.remember(file("f2", "alice", null, Duration.ofHours(48)));
		this.registry.remember(file("f3", "alice", SHA, null));
		this.registry.remember(file("f4", "alice", SHA, Duration.ofHours(1)));
		this.registry.remember(file("f5", "alice", SHA, Duration.ofHours(2)));

		for (String id : new String[] { "f1", "f2", "f3", "f4", "f5" }) {
			assertThat(this.registry.findById(id)).as(id).isEmpty();
			assertThat(this.local.findById(id)).as(id).isEmpty();
		}
		assertThat(this.redis.keys(this.prefix + "*")).isEmpty();
	}

	@Test
	void anUploadClaimIsHeldByOneUntilReleased() {
		assertThat(this.registry.claimUpload("alice", SHA, Duration.ofMinutes(2))).isTrue();
		assertThat(this.registry.claimUpload("alice", SHA, Duration.ofMinutes(2))).isFalse();
		assertThat(this.registry.claimUpload("bob", SHA, Duration.ofMinutes(2))).isTrue();

		this.registry.releaseUpload("alice", SHA);

		assertThat(this.registry.claimUpload("alice", SHA, Duration.ofMinutes(2))).isTrue();
	}

	private RegisteredFile file(String id, String owner, String sha256, Duration lifetime) {
		return new RegisteredFile(id, "https://files/" + id, "image/png", 10, sha256, null, "name", "ACTIVE",
				(lifetime != null) ? this.clock.instant().plus(lifetime) : null, owner);
	}

}
