package com.example.visiongateway.multipart;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void defaultsLeaveRoomFor3600ImagesAndSizeTheBudgetFromTheHeap() {
		this.runner.run((context) -> {
			MultipartProperties properties = context.getBean(MultipartProperties.class);
			assertThat(properties.maxParts()).isEqualTo(3800);
			assertThat(properties.maxPartHeaderSize()).isEqualTo(DataSize.ofKilobytes(10));
			assertThat(properties.maxTextPartSize()).isEqualTo(DataSize.ofKilobytes(64));
			assertThat(properties.maxTextSize()).isEqualTo(DataSize.ofMegabytes(2));
			assertThat(properties.inMemoryPartSize()).isEqualTo(DataSize.ofMegabytes(16));
			assertThat(properties.inMemoryBudgetBytes())
				.isEqualTo(Math.min(64L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 16));
		});
	}

	@Test
	void takesConfiguredValuesAtTheEdgesOfTheirRanges() {
		this.runner
			.withPropertyValues("vision.multipart.in-memory-budget=0", "vision.multipart.max-part-header-size=1MB",
					"vision.multipart.in-memory-part-size=0")
			.run((context) -> {
				MultipartProperties properties = context.getBean(MultipartProperties.class);
				assertThat(properties.inMemoryBudgetBytes()).isZero();
				assertThat(properties.maxPartHeaderSize()).isEqualTo(DataSize.ofMegabytes(1));
			});
	}

	@Test
	void refusesToStartWithAHeaderLimitOutsideItsRangeOrAHugeInMemoryPart() {
		for (String setting : new String[] { "vision.multipart.max-part-header-size=100B",
				"vision.multipart.max-part-header-size=2MB", "vision.multipart.in-memory-part-size=2GB",
				"vision.multipart.max-parts=0" }) {
			this.runner.withPropertyValues(setting).run((context) -> assertThat(context).as(setting).hasFailed());
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MultipartProperties.class)
	static class PropertiesConfiguration {

	}

}
