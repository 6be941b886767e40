package com.example.visiongateway.gemini;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The Gemini client, built from Boot's {@link WebClient.Builder} so observations and
 * codecs apply.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ GeminiProperties.class, GeminiResilienceProperties.class })
class GeminiConfiguration {

	/** A bean so operators' tooling (and tests) can see and reset the breakers. */
	@Bean
	CircuitBreakerRegistry geminiCircuitBreakers(GeminiResilienceProperties resilience) {
		return GeminiResilience.circuitBreakers(resilience);
	}

	@Bean
	GeminiClient geminiClient(WebClient.Builder webClientBuilder, GeminiProperties properties,
			GeminiResilienceProperties resilience, JsonMapper jsonMapper, MeterRegistry meterRegistry,
			CircuitBreakerRegistry geminiCircuitBreakers) {
		return new GeminiClient(webClientBuilder, properties, jsonMapper,
				new GeminiResilience(resilience, meterRegistry, geminiCircuitBreakers));
	}

}
