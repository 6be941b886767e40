package com.example.visiongateway.gemini;

import java.time.Clock;
import java.time.Duration;

import com.example.visiongateway.state.Buckets;
import com.example.visiongateway.state.MemoryBuckets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				WebClientAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withBean(Clock.class, Clock::systemUTC)
		.withBean(Buckets.class, () -> new MemoryBuckets(10, Duration.ofMinutes(1), Clock.systemUTC()))
		.withUserConfiguration(GeminiConfiguration.class);

	@Test
	void buildsTheClientFromBootsWebClientBuilder() {
		this.runner.withPropertyValues("vision.gemini.stub=true", "vision.gemini.api-version=v1alpha")
			.run((context) -> assertThat(context).hasSingleBean(GeminiClient.class)
				.getBean(GeminiClient.class)
				.extracting(GeminiClient::version)
				.isEqualTo("v1alpha"));
	}

	@Test
	void doesNotStartWithoutAKeyOutsideStubMode() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("GEMINI_API_KEY"));
	}

}
