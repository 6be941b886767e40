package com.example.visiongateway.model;

import com.example.visiongateway.gemini.GeminiProperties;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code gemini} health component: where calls go and which models Gemini lists. */
@Configuration(proxyBeanMethods = false)
class GeminiHealthConfiguration {

	/**
	 * Readiness without calling Gemini: the configuration bound (start-up fails
	 * otherwise) and names either a key or the stub. The probe never spends quota.
	 */
	@Bean
	HealthIndicator gemini(GeminiProperties properties, ModelAvailability availability) {
		// A retired model is news for operators, not a reason to take the replica out
		return () -> Health.up()
			.withDetail("mode", properties.stub() ? "stub" : "google")
			.withDetail("apiVersion", properties.apiVersion())
			.withDetail("models", properties.models().size())
			.withDetails(availability.details())
			.build();
	}

}
