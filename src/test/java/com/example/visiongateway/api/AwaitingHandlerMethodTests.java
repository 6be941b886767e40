package com.example.visiongateway.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolverComposite;
import org.springframework.web.method.support.HandlerMethodReturnValueHandlerComposite;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AwaitingHandlerMethodTests {

	private final MockHttpServletRequest request = new MockHttpServletRequest();

	private final MockHttpServletResponse response = new MockHttpServletResponse();

	private final CompletableFuture<String> pending = new CompletableFuture<>();

	@Test
	void writesTheFuturesResponseEntityInTheSameDispatch() throws Exception {
		invoke("entity");

		assertThat(this.request.isAsyncStarted()).isFalse();
		assertThat(this.response.getStatus()).isEqualTo(201);
		assertThat(this.response.getContentAsString()).isEqualTo("{\"caption\":\"a cat\"}");
	}

	@Test
	void writesTheFuturesBodyWithTheMethodsResponseBody() throws Exception {
		invoke("body");

		assertThat(this.response.getStatus()).isEqualTo(200);
		assertThat(this.response.getContentAsString()).isEqualTo("[1,2]");
	}

	@Test
	void throwsTheCauseOfAFailedFutureForTheExceptionHandlers() {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> invoke("failed"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR));
	}

	@Test
	void cancelsAFutureStillPendingAfterTheTimeout() {
		assertThatExceptionOfType(AsyncRequestTimeoutException.class).isThrownBy(() -> invoke("pending"));
		assertThat(this.pending).isCancelled();
	}

	@Test
	void leavesAMethodWithoutAFutureAsItIs() throws Exception {
		invoke("plain");

		assertThat(this.response.getContentAsString()).isEqualTo("[3]");
	}

	private void invoke(String method) throws Exception {
		HandlerMethod handler = new HandlerMethod(new Handler(this.pending), Handler.class.getDeclaredMethod(method));
		AwaitingHandlerMethod awaiting = new AwaitingHandlerMethod(handler, Duration.ofMillis(50));
		List<HttpMessageConverter<?>> converters = List.of(new JacksonJsonHttpMessageConverter());
		HandlerMethodReturnValueHandlerComposite returnValues = new HandlerMethodReturnValueHandlerComposite();
		returnValues.addHandler(new HttpEntityMethodProcessor(converters));
		returnValues.addHandler(new RequestResponseBodyMethodProcessor(converters));
		awaiting.setHandlerMethodReturnValueHandlers(returnValues);
		awaiting.setHandlerMethodArgumentResolvers(new HandlerMethodArgumentResolverComposite());
		awaiting.invokeAndHandle(new ServletWebRequest(this.request, this.response), new ModelAndViewContainer());
	}

	static final class Handler {

		private final CompletableFuture<String> pending;

		Handler(CompletableFuture<String> pending) {
			this.pending = pending;
		}

		CompletableFuture<ResponseEntity<Map<String, String>>> entity() {
			return CompletableFuture
				.supplyAsync(() -> ResponseEntity.status(HttpStatus.CREATED).body(Map.of("caption", "a cat")));
		}

		@ResponseBody
		CompletableFuture<List<Integer>> body() {
			return CompletableFuture.completedFuture(List.of(1, 2));
		}

		@ResponseBody
		CompletableFuture<String> failed() {
			return CompletableFuture.failedFuture(new VisionException(ErrorCode.UPSTREAM_ERROR, "Gemini failed."));
		}

		@ResponseBody
		CompletableFuture<String> pending() {
			return this.pending;
		}

		@ResponseBody
		List<Integer> plain() {
			return List.of(3);
		}

	}

}
