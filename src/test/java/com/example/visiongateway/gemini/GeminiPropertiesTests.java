package com.example.visiongateway.gemini;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(PropertiesConfiguration.class);

	@Test
	void bindsTheDefaultsWhenOnlyTheKeyIsSet() {
		this.runner.withPropertyValues("vision.gemini.api-key=secret-key-123").run((context) -> {
			GeminiProperties properties = context.getBean(GeminiProperties.class);
			assertThat(properties.baseUrl()).isEqualTo(URI.create("https://generativelanguage.googleapis.com"));
			assertThat(properties.apiVersion()).isEqualTo("v1beta");
			assertThat(properties.stub()).isFalse();
			assertThat(properties.defaultModel()).isEqualTo("gemini-3.8-flash");
			assertThat(properties.models()).containsOnlyKeys("gemini-3.8-flash");
			ModelSettings flash = properties.model("gemini-3.8-flash");
			assertThat(flash.maxImages()).isEqualTo(3600);
			assertThat(flash.masks()).isTrue();
			assertThat(flash.jsonMode()).isTrue();
			assertThat(flash.tokenScheme()).isEqualTo(TokenScheme.MEDIA_RESOLUTION);
			assertThat(flash.maskForm()).isEqualTo(MaskForm.POLYGON);
			assertThat(flash.maskFrame()).isEqualTo(MaskFrame.IMAGE);
			assertThat(flash.thinkingLevel("caption")).isEqualTo(ThinkingLevel.MEDIUM);
			assertThat(flash.thinkingLevel("segment")).isEqualTo(ThinkingLevel.LOW);
			assertThat(flash.generationConfig()).isEmpty();
			assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(120));
			assertThat(properties.fileActiveTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.filePollInterval()).isEqualTo(Duration.ofMillis(500));
			assertThat(properties.uploadChunkSize()).isEqualTo(DataSize.ofMegabytes(8));
			assertThat(properties.maxResponseSize()).isEqualTo(DataSize.ofMegabytes(16));
		});
	}

	@Test
	void bindsEnvironmentStyleKeys() {
		this.runner.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("VISION_GEMINI_APIKEY", "env-key-456", "VISION_GEMINI_BASEURL", "http://127.0.0.1:8089",
							"VISION_GEMINI_APIVERSION", "v1", "VISION_GEMINI_RESPONSETIMEOUT", "30s",
							"VISION_GEMINI_UPLOADCHUNKSIZE", "1MB"))))
			.run((context) -> {
				GeminiProperties properties = context.getBean(GeminiProperties.class);
				assertThat(properties.apiKey()).isEqualTo("env-key-456");
				assertThat(properties.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8089"));
				assertThat(properties.apiVersion()).isEqualTo("v1");
				assertThat(properties.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.uploadChunkSize()).isEqualTo(DataSize.ofMegabytes(1));
			});
	}

	@Test
	void bindsAModelAllowListFromYamlWithNestedGenerationConfig() {
		String yaml = """
				vision:
				  gemini:
				    api-key: k
				    default-model: gemini-3-flash-preview
				    models:
				      "[gemini-2.5-pro]":
				        masks: true
				        mask-form: png-map
				        spatial-generation-config:
				          thinkingConfig:
				            thinkingBudget: 128
				      "[gemini-3-flash-preview]":
				        max-images: 900
				        masks: false
				        token-scheme: media-resolution
				        media-resolution: medium
				        mask-frame: box
				        thinking-levels:
				          default: high
				          detect: minimal
				""";
		this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(yaml(yaml)))
			.run((context) -> {
				GeminiProperties properties = context.getBean(GeminiProperties.class);
				assertThat(properties.models()).containsOnlyKeys("gemini-2.5-pro", "gemini-3-flash-preview");
				ModelSettings three = properties.model("gemini-3-flash-preview");
				assertThat(three.maxImages()).isEqualTo(900);
				assertThat(three.masks()).isFalse();
				assertThat(three.jsonMode()).isTrue();
				assertThat(three.tokenScheme()).isEqualTo(TokenScheme.MEDIA_RESOLUTION);
				assertThat(three.mediaResolution().tokensPerImage()).isEqualTo(560);
				assertThat(three.maskForm()).isEqualTo(MaskForm.POLYGON);
				assertThat(three.maskFrame()).isEqualTo(MaskFrame.BOX);
				assertThat(three.thinkingLevel("caption")).isEqualTo(ThinkingLevel.HIGH);
				assertThat(three.thinkingLevel("detect")).isEqualTo(ThinkingLevel.MINIMAL);
				ModelSettings pro = properties.model("gemini-2.5-pro");
				assertThat(pro.maxImages()).isEqualTo(3600);
				assertThat(pro.maskForm()).isEqualTo(MaskForm.PNG_MAP);
				assertThat(pro.thinkingLevel("segment")).isNull();
				assertThat(pro.spatialGenerationConfig())
					.isEqualTo(Map.of("thinkingConfig", Map.of("thinkingBudget", 128)));
			});
	}

	@Test
	void failsAtStartupNamingGeminiApiKeyWhenTheKeyIsMissing() {
		this.runner.run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("GEMINI_API_KEY");
		});
	}

	@Test
	void runsKeyLessAgainstTheStubWithThePlaceholderKey() {
		this.runner.withPropertyValues("vision.gemini.stub=true").run((context) -> {
			GeminiProperties properties = context.getBean(GeminiProperties.class);
			assertThat(properties.apiKey()).isEmpty();
			assertThat(properties.effectiveApiKey()).isEqualTo("stub-key");
		});
	}

	@Test
	void failsAtStartupNamingTheKeyWhenTheDefaultModelIsNotAllowed() {
		this.runner.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.default-model=gemini-9")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("vision.gemini.default-model")
					.hasMessageContaining("gemini-9");
			});
	}

	@Test
	void failsAtStartupWhenAThinkingBudgetAndAThinkingLevelApplyTogether() {
		this.runner
			.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.default-model=gemini-3.8-flash",
					"vision.gemini.models[gemini-3.8-flash].thinking-levels.default=low",
					"vision.gemini.models[gemini-3.8-flash].spatial-generation-config.thinkingConfig.thinkingBudget=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.hasStackTraceContaining("vision.gemini.models[gemini-3.8-flash]")
					.rootCause()
					.hasMessageContaining("thinkingBudget and a thinkingLevel apply to detect");
			});
	}

	@Test
	void failsAtStartupOnAThinkingLevelForAnUnknownTaskOrLevel() {
		this.runner
			.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.default-model=gemini-3.8-flash",
					"vision.gemini.models[gemini-3.8-flash].thinking-levels.describe=low")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("unknown task 'describe'");
			});
		this.runner
			.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.default-model=gemini-3.8-flash",
					"vision.gemini.models[gemini-3.8-flash].thinking-levels.default=extreme")
			.run((context) -> assertThat(context).hasFailed());
	}

	@Test
	void rejectsAnUnknownApiVersion() {
		this.runner.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.api-version=v2").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("vision.gemini.api-version");
		});
	}

	@Test
	void rejectsMoreImagesThanGeminiAllows() {
		this.runner
			.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.models[gemini-3.8-flash].max-images=3601")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).hasStackTraceContaining("maxImages");
			});
	}

	@Test
	void rejectsANonPositiveTimeout() {
		this.runner.withPropertyValues("vision.gemini.api-key=k", "vision.gemini.response-timeout=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("vision.gemini.response-timeout");
			});
	}

	@Test
	void neverShowsTheKeyInToString() {
		this.runner.withPropertyValues("vision.gemini.api-key=test-top-secret-key").run((context) -> {
			String text = context.getBean(GeminiProperties.class).toString();
			assertThat(text).doesNotContain("test-top-secret-key").contains("apiKey=<redacted>").contains("v1beta");
		});
	}

	private static PropertySource<?> yaml(String yaml) {
		try {
			return new YamlPropertySourceLoader().load("test.yaml", new ByteArrayResource(yaml.getBytes())).get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(GeminiProperties.class)
	static class PropertiesConfiguration {

	}

}
