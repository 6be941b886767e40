package com.example.visiongateway.api;

import java.time.Duration;

import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.thread.Threading;
import org.springframework.boot.webmvc.autoconfigure.WebMvcProperties;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/**
 * On virtual threads ({@code spring.threads.virtual.enabled} on Java 21+), waiting is
 * cheap: a vision request waits for its answer on its own thread and is answered in one
 * dispatch. On platform threads the controllers' futures keep Spring MVC's asynchronous
 * processing, which frees the container's thread while Gemini answers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnThreading(Threading.VIRTUAL)
class VirtualThreadsConfiguration {

	/**
	 * Tomcat's own asynchronous timeout, used when
	 * {@code spring.mvc.async.request-timeout} is not set.
	 */
	private static final Duration CONTAINER_DEFAULT = Duration.ofSeconds(30);

	@Bean
	WebMvcRegistrations awaitingHandlerAdapter(WebMvcProperties properties) {
		Duration configured = properties.getAsync().getRequestTimeout();
		Duration timeout = (configured != null) ? configured : CONTAINER_DEFAULT;
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
				return new AwaitingHandlerAdapter(timeout);
			}
		};
	}

}
