package com.example.visiongateway.gemini;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

/** The Gemini client, built from Boot's {@link WebClient.Builder} so observations and codecs apply. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GeminiProperties.class)
class GeminiConfiguration {

	@Bean
	GeminiClient geminiClient(WebClient.Builder webClientBuilder, GeminiProperties properties, JsonMapper jsonMapper) {
		return new GeminiClient(webClientBuilder, properties, jsonMapper);
	}

}
