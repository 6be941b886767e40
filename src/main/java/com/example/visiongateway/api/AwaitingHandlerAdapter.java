package com.example.visiongateway.api;

import java.time.Duration;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/** Spring MVC's handler adapter, with controller futures awaited in one dispatch. */
final class AwaitingHandlerAdapter extends RequestMappingHandlerAdapter {

	private final Duration timeout;

	AwaitingHandlerAdapter(Duration timeout) {
		this.timeout = timeout;
	}

	@Override
	protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
		return new AwaitingHandlerMethod(handlerMethod, this.timeout);
	}

}
