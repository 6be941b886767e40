package com.example.visiongateway.multipart;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Decides, before a body byte is read, whether a request goes to a handler that takes
 * multipart/form-data: one whose mapping declares {@code consumes = multipart/form-data}
 * (the vision endpoints, {@code POST /v1/files}; the {@code /gemini/**} pass-through
 * takes JSON and raw upload chunks, so its bodies are never read here). Anything else (an
 * unknown path, a method the path does not take, {@code /actuator/**}, the OpenAPI
 * description, Swagger UI) is answered with its body unread; the container then closes
 * the connection rather than drain a large one. Authentication runs earlier, in a filter,
 * so a refused caller's body is never read either.
 */
final class MultipartEndpoints {

	private final ObjectProvider<RequestMappingHandlerMapping> mapping;

	private final Map<Method, Boolean> takesMultipart = new ConcurrentHashMap<>();

	/**
	 * Looked up once: a bean factory lookup on every request cost 6 % of a warm request's
	 * CPU (qualifier and annotation checks).
	 */
	private volatile RequestMappingHandlerMapping handlers;

	MultipartEndpoints(ObjectProvider<RequestMappingHandlerMapping> mapping) {
		this.mapping = mapping;
	}

	boolean takeMultipart(HttpServletRequest request) {
		RequestMappingHandlerMapping handlers = handlers();
		if (handlers == null) {
			return false;
		}
		HandlerExecutionChain chain;
		try {
			chain = handlers.getHandler(request);
		}
		catch (Exception noMatch) {
			// a wrong method or media type: Spring MVC answers it (405, 415) without the
			// body
			return false;
		}
		return chain != null && chain.getHandler() instanceof HandlerMethod handler
				&& this.takesMultipart.computeIfAbsent(handler.getMethod(), MultipartEndpoints::declaresMultipart);
	}

	private RequestMappingHandlerMapping handlers() {
		RequestMappingHandlerMapping resolved = this.handlers;
		if (resolved == null) {
			resolved = this.mapping.getIfAvailable();
			this.handlers = resolved;
		}
		return resolved;
	}

	/**
	 * The method's own {@code consumes}, else its class's, as Spring MVC combines them.
	 */
	private static boolean declaresMultipart(Method method) {
		RequestMapping onMethod = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
		RequestMapping onClass = AnnotatedElementUtils.findMergedAnnotation(method.getDeclaringClass(),
				RequestMapping.class);
		String[] consumes = (onMethod != null && onMethod.consumes().length > 0) ? onMethod.consumes()
				: (onClass != null) ? onClass.consumes() : new String[0];
		return Arrays.stream(consumes).anyMatch(MultipartEndpoints::isFormData);
	}

	private static boolean isFormData(String consumes) {
		try {
			return !consumes.startsWith("!")
					&& MediaType.MULTIPART_FORM_DATA.includes(MediaType.parseMediaType(consumes));
		}
		catch (InvalidMediaTypeException ex) {
			return false;
		}
	}

}
