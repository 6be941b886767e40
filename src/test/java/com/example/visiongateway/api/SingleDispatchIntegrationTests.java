package com.example.visiongateway.api;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.example.visiongateway.observability.RequestLogFilter;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * On virtual threads a vision request is answered in the dispatch that received it: no
 * second (ASYNC) dispatch through the filters, with the same answers, problems and
 * request timeout as Spring MVC's asynchronous processing.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@TestPropertySource(properties = { "spring.threads.virtual.enabled=true", "spring.mvc.async.request-timeout=1s" })
@Import(SingleDispatchIntegrationTests.Dispatches.class)
class SingleDispatchIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private Dispatches dispatches;

	@BeforeEach
	void forgetDispatches() {
		this.dispatches.counts.clear();
	}

	@Test
	void answersACaptionInTheDispatchThatReceivedIt() {
		stub.answerText("A tabby cat on a sofa.");

		Reply reply = caption();

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().at("/results/0/caption").asString()).isEqualTo("A tabby cat on a sofa.");
		assertThat(reply.headers().getFirst(RequestLogFilter.HEADER)).isNotBlank();
		assertThat(this.dispatches.count(DispatcherType.REQUEST)).isEqualTo(1);
		assertThat(this.dispatches.count(DispatcherType.ASYNC)).isZero();
	}

	@Test
	void answersGeminisFailureAsTheSameProblem() {
		stub.failWith(400, "INVALID_ARGUMENT", "Request contains an invalid argument.");

		assertProblem(caption(), 502, "UPSTREAM_ERROR");
		assertThat(this.dispatches.count(DispatcherType.ASYNC)).isZero();
	}

	@Test
	void answersAnAnswerSlowerThanTheRequestTimeoutAsUpstreamTimeout() {
		stub.server()
			.stubFor(post(urlPathMatching("/v1beta/models/[^/]+:generateContent")).atPriority(1)
				.willReturn(okJson("{}").withFixedDelay(5_000)));

		assertProblem(caption(), 504, "UPSTREAM_TIMEOUT");
	}

	private Reply caption() {
		return this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Dispatches implements Filter {

		private final Map<DispatcherType, LongAdder> counts = new ConcurrentHashMap<>();

		@Bean
		FilterRegistrationBean<Dispatches> dispatchCounter() {
			FilterRegistrationBean<Dispatches> registration = new FilterRegistrationBean<>(this);
			registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC);
			registration.addUrlPatterns("/v1/vision/*");
			return registration;
		}

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			this.counts.computeIfAbsent(request.getDispatcherType(), (type) -> new LongAdder()).increment();
			chain.doFilter(request, response);
		}

		long count(DispatcherType type) {
			LongAdder count = this.counts.get(type);
			return (count != null) ? count.sum() : 0;
		}

	}

}
