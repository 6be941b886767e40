package com.example.visiongateway.gemini;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import com.example.visiongateway.gemini.GeminiResilienceProperties.CircuitBreaker;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Jitter;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Retry;
import com.example.visiongateway.state.MemoryBuckets;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.util.unit.DataSize;

/**
 * Resilience settings for tests: small, exact timings (no jitter) unless a test asks
 * otherwise.
 */
final class TestResilience {

	static final CircuitBreaker BREAKER_OFF = new CircuitBreaker(false, 50, 20, Duration.ofSeconds(60),
			Duration.ofSeconds(30), 5);

	/**
	 * These tests are about the HTTP edge and the retry policy: Gemini's pauses are not
	 * shared between calls here (the multi-replica tests cover them).
	 */
	static final CoolDowns NO_PAUSES = new CoolDowns() {

		@Override
		public void start(String model, Duration delay) {
		}

		@Override
		public Duration remaining(String model) {
			return Duration.ZERO;
		}

		@Override
		public void clear() {
		}

	};

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
		return resilience(properties, new SimpleMeterRegistry(),
				GeminiResilience.circuitBreakers(properties, Clock.systemUTC()));
	}

	static GeminiResilience resilience(GeminiResilienceProperties properties, MeterRegistry meters,
			CircuitBreakerRegistry breakers) {
		GeminiProperties models = new GeminiProperties(URI.create("http://127.0.0.1:1"), "v1beta", "", true,
				GeminiProperties.DEFAULT_MODEL, null, Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofMillis(100), DataSize.ofMegabytes(1), DataSize.ofMegabytes(1));
		ModelGate gate = new ModelGate(models, new ProviderBudgetProperties(Duration.ZERO),
				new MemoryBuckets(100, Duration.ofMinutes(1), Clock.systemUTC()), NO_PAUSES, meters);
		return new GeminiResilience(properties, meters, breakers, gate);
	}

}
