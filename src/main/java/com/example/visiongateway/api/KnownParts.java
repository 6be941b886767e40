package com.example.visiongateway.api;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.VisionException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.WebUtils;

/**
 * Refuses parts a multipart endpoint does not know, so nothing a caller sends is silently
 * ignored (a misspelt part, say); a multipart body's query parameters count as parts, as
 * Spring MVC binds them alike. The known names are read once per handler from its own
 * signature (its {@code @RequestParam} and {@code @RequestPart} names, and the shared
 * parts when it takes {@link SharedParts}), so each endpoint declares its parts once.
 */
final class KnownParts implements HandlerInterceptor {

	/** The shared parts are named as {@link SharedParts}' components. */
	private static final List<String> SHARED = Arrays.stream(SharedParts.class.getRecordComponents())
		.map(RecordComponent::getName)
		.toList();

	/** Unknown names echoed back at most, each cut short: the caller chose them. */
	private static final int MAX_ECHOED = 10;

	private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// Only handlers that declare multipart get a multipart request (see
		// multipart.MultipartEndpoints); their parts are what is checked
		if (handler instanceof HandlerMethod method
				&& WebUtils.getNativeRequest(request, MultipartHttpServletRequest.class) != null) {
			check(request, this.known.computeIfAbsent(method.getMethod(), (key) -> declared(method)));
		}
		return true;
	}

	private static Set<String> declared(HandlerMethod method) {
		Set<String> names = new TreeSet<>();
		for (MethodParameter parameter : method.getMethodParameters()) {
			if (parameter.getParameterType() == SharedParts.class) {
				names.addAll(SHARED);
			}
			RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
			if (param != null) {
				names.add(param.name());
			}
			RequestPart part = parameter.getParameterAnnotation(RequestPart.class);
			if (part != null) {
				names.add(part.name());
			}
		}
		return Set.copyOf(names);
	}

	private static void check(HttpServletRequest request, Set<String> allowed) {
		Set<String> unknown = new TreeSet<>(request.getParameterMap().keySet());
		if (request instanceof MultipartHttpServletRequest multipart) {
			unknown.addAll(multipart.getMultiFileMap().keySet());
		}
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			List<String> echoed = unknown.stream().limit(MAX_ECHOED).map((name) -> Texts.abbreviate(name, 64)).toList();
			Set<String> sorted = new TreeSet<>(allowed);
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"Unknown part(s) " + echoed + "; this endpoint accepts " + sorted + ".",
					Map.of("unknownParts", echoed, "knownParts", sorted));
		}
	}

}
