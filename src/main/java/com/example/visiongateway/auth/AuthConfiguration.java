package com.example.visiongateway.auth;

import com.example.visiongateway.state.Buckets;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Caller authentication and per-key quotas, wired only when {@code vision.auth.enabled}
 * is true.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("vision.auth.enabled")
class AuthConfiguration {

	/**
	 * After character encoding and the HTTP server observation (so refusals are
	 * measured), before the rest.
	 */
	private static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	@Bean
	ApiKeys apiKeys(AuthProperties properties) {
		return ApiKeys.parse(properties.keyHashes());
	}

	@Bean
	FilterRegistrationBean<ApiKeyFilter> apiKeyFilter(ApiKeys keys, AuthProperties properties, Buckets buckets,
			Environment environment, @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems,
			MeterRegistry meters) {
		PublicPaths publicPaths = PublicPaths.of(environment.getProperty("springdoc.api-docs.path", "/v3/api-docs"),
				environment.getProperty("springdoc.swagger-ui.path", "/swagger-ui.html"));
		RateLimiter requests = new RateLimiter("requests", properties.requestsPerMinute(), buckets);
		FilterRegistrationBean<ApiKeyFilter> registration = new FilterRegistrationBean<>(
				new ApiKeyFilter(keys, requests, publicPaths, problems, meters));
		registration.setOrder(FILTER_ORDER);
		return registration;
	}

	@Bean
	ImageQuota imageQuota(AuthProperties properties, Buckets buckets, MeterRegistry meters) {
		return new ImageQuota(new RateLimiter("images", properties.imagesPerMinute(), buckets), meters);
	}

	@Bean
	WebMvcConfigurer imageQuotaInterceptor(ImageQuota quota) {
		ImageQuotaInterceptor interceptor = new ImageQuotaInterceptor(quota);
		return new WebMvcConfigurer() {
			@Override
			public void addInterceptors(InterceptorRegistry registry) {
				if (quota.limited()) {
					registry.addInterceptor(interceptor)
						.addPathPatterns("/v1/vision/**", ImageQuotaInterceptor.FILES_PATH);
				}
			}
		};
	}

}
