package com.example.visiongateway.cache;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class CachePropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class);

	@Test
	void isOffByDefaultWithADayOfTtlAndMegabyteEntries() {
		this.runner.run((context) -> {
			CacheProperties properties = context.getBean(CacheProperties.class);
			assertThat(properties.enabled()).isFalse();
			assertThat(properties.ttl()).isEqualTo(Duration.ofHours(24));
			assertThat(properties.maxEntrySize()).isEqualTo(DataSize.ofMegabytes(1));
			assertThat(properties.maxMemory()).isEqualTo(DataSize.ofMegabytes(64));
		});
	}

	@Test
	void refusesANonPositiveTtl() {
		this.runner.withPropertyValues("vision.cache.ttl=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("vision.cache.ttl"));
	}

	@Test
	void refusesAMemoryBoundBelowOneEntry() {
		this.runner.withPropertyValues("vision.cache.max-entry-size=2MB", "vision.cache.max-memory=1MB")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("vision.cache.max-memory"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(CacheProperties.class)
	static class Properties {

	}

}
