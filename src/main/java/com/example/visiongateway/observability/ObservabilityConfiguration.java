package com.example.visiongateway.observability;

import com.example.visiongateway.gemini.GeminiProperties;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Request logs, Gemini observations and the readiness check. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ObservabilityConfiguration.class);

	@Bean
	FilterRegistrationBean<RequestLogFilter> requestLogFilter() {
		FilterRegistrationBean<RequestLogFilter> registration = new FilterRegistrationBean<>(new RequestLogFilter());
		// First, so the request id and the duration cover everything, authentication
		// included.
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	WebClientCustomizer geminiObservations(ObservationRegistry registry, GeminiProperties properties) {
		return (builder) -> builder.filter(new GeminiObservationFilter(registry, properties.baseUrl()));
	}

	/** Says at start-up where answers come from, loudly when it is the stub. */
	@Bean
	ApplicationListener<ApplicationReadyEvent> geminiModeBanner(GeminiProperties properties) {
		return (event) -> {
			if (properties.stub()) {
				log.warn(
						"*** vision.gemini.stub=true: Gemini calls go to {} with a placeholder key; answers are NOT "
								+ "Google's. Set GEMINI_API_KEY (and leave stub off) in production. ***",
						properties.baseUrl());
			}
			else {
				log.info("Gemini calls go to {} (API {}), {} model(s) allowed", properties.baseUrl(),
						properties.apiVersion(), properties.models().size());
			}
		};
	}

}
