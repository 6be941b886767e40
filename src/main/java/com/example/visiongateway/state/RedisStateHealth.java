package com.example.visiongateway.state;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The health component {@code redis}: whether the shared state store answers a PING. DOWN
 * means each replica serves on its own state; it is left out of readiness, since a
 * replica without Redis still serves.
 */
final class RedisStateHealth implements HealthIndicator {

	private final RedisConnectionFactory connections;

	private final StateGuard guard;

	RedisStateHealth(RedisConnectionFactory connections, StateGuard guard) {
		this.connections = connections;
		this.guard = guard;
	}

	@Override
	public Health health() {
		try (RedisConnection connection = this.connections.getConnection()) {
			connection.ping();
			return Health.up().withDetail("state", this.guard.shared() ? "shared" : "recovering").build();
		}
		catch (RuntimeException ex) {
			// The class only: a message could name the host or carry the password's URL
			return Health.down()
				.withDetail("state", "per-replica")
				.withDetail("error", ex.getClass().getSimpleName())
				.build();
		}
	}

}
