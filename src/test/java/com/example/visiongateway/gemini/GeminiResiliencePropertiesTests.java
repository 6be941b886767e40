package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.Map;

import com.example.visiongateway.gemini.GeminiResilienceProperties.Jitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiResiliencePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsSaneDefaults() {
		this.runner.run((context) -> {
			GeminiResilienceProperties properties = context.getBean(GeminiResilienceProperties.class);
			assertThat(properties.deadline()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.maxConcurrentCalls()).isEqualTo(256);
			assertThat(properties.maxQueuedCalls()).isEqualTo(1024);
			assertThat(properties.retry().maxAttempts()).isEqualTo(4);
			assertThat(properties.retry().initialBackoff()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.retry().maxBackoff()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.retry().multiplier()).isEqualTo(2.0);
			assertThat(properties.retry().jitter()).isEqualTo(Jitter.EQUAL);
			assertThat(properties.circuitBreaker().enabled()).isTrue();
			assertThat(properties.circuitBreaker().failureRateThreshold()).isEqualTo(50);
			assertThat(properties.circuitBreaker().minimumCalls()).isEqualTo(20);
			assertThat(properties.circuitBreaker().window()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.circuitBreaker().waitInOpen()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.circuitBreaker().halfOpenCalls()).isEqualTo(5);
		});
	}

	@Test
	void bindsEnvironmentStyleKeys() {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("VISION_GEMINI_DEADLINE", "90s", "VISION_GEMINI_MAXCONCURRENTCALLS", "32",
							"VISION_GEMINI_RETRY_MAXATTEMPTS", "2", "VISION_GEMINI_RETRY_JITTER", "full",
							"VISION_GEMINI_CIRCUITBREAKER_ENABLED", "false"))))
			.run((context) -> {
				GeminiResilienceProperties properties = context.getBean(GeminiResilienceProperties.class);
				assertThat(properties.deadline()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.maxConcurrentCalls()).isEqualTo(32);
				assertThat(properties.retry().maxAttempts()).isEqualTo(2);
				assertThat(properties.retry().jitter()).isEqualTo(Jitter.FULL);
				assertThat(properties.circuitBreaker().enabled()).isFalse();
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					vision.gemini.deadline=0s                               | vision.gemini.deadline
					vision.gemini.max-concurrent-calls=0                    | vision.gemini.max-concurrent-calls
					vision.gemini.max-queued-calls=-1                       | vision.gemini.max-queued-calls
					vision.gemini.retry.max-attempts=0                      | vision.gemini.retry.max-attempts
					vision.gemini.retry.max-backoff=100ms                   | vision.gemini.retry.max-backoff
					vision.gemini.retry.multiplier=0.5                      | vision.gemini.retry.multiplier
					vision.gemini.circuit-breaker.failure-rate-threshold=0  | vision.gemini.circuit-breaker.failure-rate-threshold
					vision.gemini.circuit-breaker.window=500ms              | vision.gemini.circuit-breaker.window
					vision.gemini.circuit-breaker.half-open-calls=0         | vision.gemini.circuit-breaker.half-open-calls
					""")
	void refusesToStartWithAnInvalidValueNamingItsKey(String setting, String key) {
		this.runner.withPropertyValues(setting).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(key);
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GeminiResilienceProperties.class)
	static class PropertiesConfiguration {

	}

}
