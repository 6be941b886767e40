package com.example.visiongateway.api;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.servlet.ServletException;

import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * A controller method whose {@link CompletableFuture} is awaited on the request's own
 * (virtual) thread and answered in the same dispatch, instead of Spring MVC's
 * asynchronous processing, which hands the result back to the container and dispatches
 * the request a second time through the filters, the handler mapping and the
 * interceptors. The answer is the same: a failure is the future's cause, handled by the
 * exception handlers, and a future still pending after the asynchronous request timeout
 * is cancelled and answered as {@link AsyncRequestTimeoutException}.
 */
final class AwaitingHandlerMethod extends ServletInvocableHandlerMethod {

	private final Duration timeout;

	AwaitingHandlerMethod(HandlerMethod handlerMethod, Duration timeout) {
		super(handlerMethod);
		this.timeout = timeout;
	}

	@Override
	public Object invokeForRequest(NativeWebRequest request, ModelAndViewContainer mavContainer, Object... providedArgs)
			throws Exception {
		Object value = super.invokeForRequest(request, mavContainer, providedArgs);
		return (value instanceof CompletableFuture<?> future) ? await(future) : value;
	}

	@Override
	public MethodParameter getReturnValueType(Object returnValue) {
		return isFuture() ? new AwaitedReturnType(returnValue) : super.getReturnValueType(returnValue);
	}

	private boolean isFuture() {
		return CompletableFuture.class.isAssignableFrom(getReturnType().getParameterType());
	}

	private Object await(CompletableFuture<?> future) throws Exception {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw new ServletException("Processing failed: " + cause, cause);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new AsyncRequestTimeoutException();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw ex;
		}
	}

	/**
	 * The awaited value's type: what the future holds, as Spring MVC describes the result
	 * of its own asynchronous dispatch.
	 */
	private final class AwaitedReturnType extends AnnotatedMethodParameter {

		private final Object value;

		private final ResolvableType type;

		AwaitedReturnType(Object value) {
			super(-1);
			this.value = value;
			this.type = ResolvableType.forType(super.getGenericParameterType()).getGeneric();
		}

		private AwaitedReturnType(AwaitedReturnType original) {
			super(original);
			this.value = original.value;
			this.type = original.type;
		}

		@Override
		public Class<?> getParameterType() {
			if (this.value != null) {
				return this.value.getClass();
			}
			return ResolvableType.NONE.equals(this.type) ? super.getParameterType() : this.type.toClass();
		}

		@Override
		public Type getGenericParameterType() {
			return this.type.getType();
		}

		@Override
		public AwaitedReturnType clone() {
			return new AwaitedReturnType(this);
		}

	}

}
