package com.example.visiongateway.gemini;

import java.time.Clock;

import com.example.visiongateway.state.Buckets;
import com.example.visiongateway.state.StateGuard;
import com.example.visiongateway.state.StateProperties;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Gemini client, built from Boot's {@link WebClient.Builder} so observations and
 * codecs apply.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GeminiProperties.class, GeminiResilienceProperties.class,
		ProviderBudgetProperties.class })
class GeminiConfiguration {

	/** A bean so operators' tooling (and tests) can see and reset the breakers. */
	@Bean
	CircuitBreakerRegistry geminiCircuitBreakers(GeminiResilienceProperties resilience, Clock clock,
			MeterRegistry meterRegistry) {
		CircuitBreakerRegistry breakers = GeminiResilience.circuitBreakers(resilience, clock);
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meterRegistry);
		return breakers;
	}

	@Bean
	@ConditionalOnProperty(name = "vision.state.store", havingValue = "memory", matchIfMissing = true)
	CoolDowns coolDowns() {
		return new MemoryCoolDowns();
	}

	@Bean
	@ConditionalOnProperty(name = "vision.state.store", havingValue = "redis")
	CoolDowns redisCoolDowns(StringRedisTemplate redis, StateProperties state, StateGuard guard) {
		return new RedisCoolDowns(redis, state.keyPrefix(), new MemoryCoolDowns(), guard);
	}

	@Bean
	GeminiClient geminiClient(WebClient.Builder webClientBuilder, GeminiProperties properties,
			GeminiResilienceProperties resilience, ProviderBudgetProperties budgets, JsonMapper jsonMapper,
			MeterRegistry meterRegistry, CircuitBreakerRegistry geminiCircuitBreakers, Buckets buckets,
			CoolDowns coolDowns) {
		ModelGate gate = new ModelGate(properties, budgets, buckets, coolDowns, meterRegistry);
		return new GeminiClient(webClientBuilder, properties, jsonMapper,
				new GeminiResilience(resilience, meterRegistry, geminiCircuitBreakers, gate));
	}

}
