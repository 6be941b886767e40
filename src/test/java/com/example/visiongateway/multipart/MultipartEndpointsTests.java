package com.example.visiongateway.multipart;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.support.StaticWebApplicationContext;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartEndpointsTests {

	private final AtomicInteger lookups = new AtomicInteger();

	private final MultipartEndpoints endpoints = new MultipartEndpoints(new CountingProvider(mapping()));

	@Test
	void takesTheBodiesOfHandlersThatConsumeMultipartOnly() {
		assertThat(this.endpoints.takeMultipart(post("/upload", MediaType.MULTIPART_FORM_DATA_VALUE + ";boundary=b")))
			.isTrue();
		assertThat(this.endpoints.takeMultipart(post("/json", MediaType.APPLICATION_JSON_VALUE))).isFalse();
		assertThat(this.endpoints.takeMultipart(post("/nowhere", MediaType.MULTIPART_FORM_DATA_VALUE + ";boundary=b")))
			.isFalse();
	}

	@Test
	void looksTheHandlerMappingUpOnceForAllRequests() {
		for (int i = 0; i < 3; i++) {
			this.endpoints.takeMultipart(post("/upload", MediaType.MULTIPART_FORM_DATA_VALUE + ";boundary=b"));
		}

		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void takesNothingWhileThereIsNoHandlerMappingYet() {
		MultipartEndpoints early = new MultipartEndpoints(new CountingProvider(null));

		assertThat(early.takeMultipart(post("/upload", MediaType.MULTIPART_FORM_DATA_VALUE + ";boundary=b"))).isFalse();
	}

	private static MockHttpServletRequest post(String path, String contentType) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", path);
		request.setContentType(contentType);
		return request;
	}

	private static RequestMappingHandlerMapping mapping() {
		StaticWebApplicationContext context = new StaticWebApplicationContext();
		context.registerSingleton("endpoints", Endpoints.class);
		context.refresh();
		RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping();
		mapping.setApplicationContext(context);
		mapping.afterPropertiesSet();
		return mapping;
	}

	@RestController
	static class Endpoints {

		@PostMapping(path = "/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
		void upload() {
		}

		@PostMapping(path = "/json", consumes = MediaType.APPLICATION_JSON_VALUE)
		void json() {
		}

	}

	private final class CountingProvider implements ObjectProvider<RequestMappingHandlerMapping> {

		private final RequestMappingHandlerMapping mapping;

		CountingProvider(RequestMappingHandlerMapping mapping) {
			this.mapping = mapping;
		}

		@Override
		public RequestMappingHandlerMapping getObject() {
			return getIfAvailable();
		}

		@Override
		public RequestMappingHandlerMapping getIfAvailable() {
			MultipartEndpointsTests.this.lookups.incrementAndGet();
			return this.mapping;
		}

	}

}
