package com.example.visiongateway.gemini;

import java.time.Duration;

import com.example.visiongateway.gemini.GeminiResilienceProperties.CircuitBreaker;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Jitter;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Retry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Resilience settings for tests: small, exact timings (no jitter) unless a test asks
 * otherwise.
 */
final class TestResilience {

	static final CircuitBreaker BREAKER_OFF = new CircuitBreaker(false, 50, 20, Duration.ofSeconds(60),
			Duration.ofSeconds(30), 5);

	private TestResilience() {
	}

	/** One attempt, no breaker: the bare HTTP edge. */
	static GeminiResilienceProperties none() {
		return properties(Duration.ofSeconds(30), 64, 64, retry(1, 20, 80), BREAKER_OFF);
	}

	static Retry retry(int maxAttempts, long initialMillis, long maxMillis) {
		return new Retry(maxAttempts, Duration.ofMillis(initialMillis), Duration.ofMillis(maxMillis), 2, Jitter.NONE);
	}

	static CircuitBreaker breaker(int minimumCalls, Duration waitInOpen, int halfOpenCalls) {
		return new CircuitBreaker(true, 50, minimumCalls, Duration.ofSeconds(30), waitInOpen, halfOpenCalls);
	}

	static GeminiResilienceProperties properties(Duration deadline, int maxConcurrent, int maxQueued, Retry retry,
			CircuitBreaker breaker) {
		return new GeminiResilienceProperties(deadline, maxConcurrent, maxQueued, retry, breaker);
	}

	static GeminiResilience resilience(GeminiResilienceProperties properties) {
		return resilience(properties, new SimpleMeterRegistry(), GeminiResilience.circuitBreakers(properties));
	}

	static GeminiResilience resilience(GeminiResilienceProperties properties, MeterRegistry meters,
			CircuitBreakerRegistry breakers) {
		return new GeminiResilience(properties, meters, breakers);
	}

}
