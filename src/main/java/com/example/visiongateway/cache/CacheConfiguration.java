package com.example.visiongateway.cache;

import java.time.Clock;

import com.example.visiongateway.state.StateGuard;
import com.example.visiongateway.state.StateProperties;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The result cache, chosen once at start-up: none with
 * {@code vision.cache.enabled=false}; otherwise in this process's memory or in Redis by
 * {@code vision.state.store}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CacheProperties.class)
class CacheConfiguration {

	@Bean
	AnswerCache answerCache(ObjectProvider<ResultCache> store, CacheProperties properties, MeterRegistry meters) {
		return new AnswerCache(store.getIfAvailable(), properties.maxEntrySize().toBytes(), meters);
	}

	static MemoryResultCache memory(CacheProperties properties, Clock clock) {
		return new MemoryResultCache(properties.maxMemory().toBytes(), properties.ttl(), clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBooleanProperty("vision.cache.enabled")
	static class Enabled {

		@Bean
		@ConditionalOnProperty(name = "vision.state.store", havingValue = "memory", matchIfMissing = true)
		ResultCache memoryResultCache(CacheProperties properties, Clock clock) {
			return memory(properties, clock);
		}

		@Bean
		@ConditionalOnProperty(name = "vision.state.store", havingValue = "redis")
		ResultCache redisResultCache(StringRedisTemplate redis, StateProperties state, CacheProperties properties,
				Clock clock, StateGuard guard) {
			return new RedisResultCache(redis, state.keyPrefix(), properties.ttl(), memory(properties, clock), guard);
		}

	}

}
