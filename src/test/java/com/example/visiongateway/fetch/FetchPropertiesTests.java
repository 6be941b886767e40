package com.example.visiongateway.fetch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class FetchPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void allowsNoPrivateHostByDefault() {
		this.runner.run((context) -> {
			FetchProperties properties = context.getBean(FetchProperties.class);
			assertThat(properties.allowedHosts()).isEmpty();
			assertThat(properties.maxRedirects()).isEqualTo(3);
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(20));
		});
	}

	@Test
	void readsTheAllowListFromACommaSeparatedEnvironmentVariable() {
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource(
						StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("VISION_FETCH_ALLOWEDHOSTS", "images.internal,10.0.0.5", "VISION_FETCH_TIMEOUT", "7s"))))
			.run((context) -> {
				FetchProperties properties = context.getBean(FetchProperties.class);
				assertThat(properties.allowedHosts()).containsExactly("images.internal", "10.0.0.5");
				assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(7));
			});
	}

	@Test
	void bindsTheShippedApplicationYamlToTheDefaults() {
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(shippedYaml()))
			.run((context) -> assertThat(context.getBean(FetchProperties.class)).isEqualTo(new FetchProperties(
					List.of(), 3, Duration.ofSeconds(5), Duration.ofSeconds(20), List.of(80, 443))));
	}

	@Test
	void refusesMoreThanTenRedirects() {
		this.runner.withPropertyValues("vision.fetch.max-redirects=11")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("vision.fetch.maxRedirects"));
	}

	private static PropertySource<?> shippedYaml() {
		try {
			return new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"))
				.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(FetchProperties.class)
	static class PropertiesConfiguration {

	}

}
