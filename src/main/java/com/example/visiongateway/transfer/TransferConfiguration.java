package com.example.visiongateway.transfer;

import java.time.Clock;

import com.example.visiongateway.state.StateGuard;
import com.example.visiongateway.state.StateProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The file registry: in this process's memory, or in Redis for every replica
 * ({@code vision.state.store}).
 */
@Configuration(proxyBeanMethods = false)
class TransferConfiguration {

	@Bean
	@ConditionalOnProperty(name = "vision.state.store", havingValue = "memory", matchIfMissing = true)
	FileRegistry fileRegistry(TransferProperties properties, Clock clock) {
		return memory(properties, clock);
	}

	@Bean
	@ConditionalOnProperty(name = "vision.state.store", havingValue = "redis")
	FileRegistry redisFileRegistry(TransferProperties properties, StateProperties state, StringRedisTemplate redis,
			JsonMapper json, Clock clock, StateGuard guard) {
		return new RedisFileRegistry(redis, json, state.keyPrefix(), properties.reuseMargin(), clock,
				memory(properties, clock), guard);
	}

	private static MemoryFileRegistry memory(TransferProperties properties, Clock clock) {
		return new MemoryFileRegistry(properties.maxRememberedFiles(), properties.reuseMargin(), clock);
	}

}
