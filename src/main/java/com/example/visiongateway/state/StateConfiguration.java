package com.example.visiongateway.state;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions.DisconnectedBehavior;
import io.lettuce.core.resource.Delay;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The shared state's store, chosen once at start-up by {@code vision.state.store}. Each
 * feature picks its own memory or Redis implementation the same way; this class holds
 * what they share (the guard, the buckets, the health component).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StateProperties.class)
class StateConfiguration {

	/**
	 * Every bucket refills within a minute; the bound covers many more callers and models
	 * than any deployment has.
	 */
	static final int MAX_BUCKETS = 100_000;

	static final Duration BUCKET_IDLE = Duration.ofMinutes(1);

	@Bean
	StateGuard stateGuard(StateProperties properties, MeterRegistry meters) {
		return new StateGuard(properties.retryAfter(), meters);
	}

	@Bean
	@ConditionalOnProperty(name = "vision.state.store", havingValue = "memory", matchIfMissing = true)
	Buckets memoryBuckets(Clock clock) {
		return new MemoryBuckets(MAX_BUCKETS, BUCKET_IDLE, clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "vision.state.store", havingValue = "redis")
	static class RedisStore {

		@Bean
		RedisBuckets redisBuckets(StringRedisTemplate redis, StateProperties properties, Clock clock,
				StateGuard guard) {
			return new RedisBuckets(redis, properties.keyPrefix(), new MemoryBuckets(MAX_BUCKETS, BUCKET_IDLE, clock),
					guard);
		}

		/**
		 * Named so Boot's own Redis indicator steps aside: this one knows the fallback.
		 */
		@Bean
		HealthIndicator redisHealthIndicator(LettuceConnectionFactory connections, StateGuard guard) {
			return new RedisStateHealth(connections, guard);
		}

		/**
		 * While the connection is down, commands fail at once instead of queueing until
		 * the command timeout: requests go on with local state without waiting.
		 */
		@Bean
		LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
			return (options) -> options.disconnectedBehavior(DisconnectedBehavior.REJECT_COMMANDS);
		}

		/**
		 * Reconnect attempts at most {@code retry-after} apart: Lettuce's own backoff
		 * grows to 30 s, and state would stay per-replica that long after Redis is back.
		 */
		@Bean
		ClientResourcesBuilderCustomizer reconnectWithinRetryAfter(StateProperties properties) {
			return (resources) -> resources.reconnectDelay(
					Delay.exponential(Duration.ofMillis(50), properties.retryAfter(), 2, TimeUnit.MILLISECONDS));
		}

	}

}
