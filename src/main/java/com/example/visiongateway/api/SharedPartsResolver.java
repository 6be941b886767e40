package com.example.visiongateway.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Reads {@link SharedParts} by part name. Generic data binding would re-read the record's
 * annotations through reflection on every request, the largest fixed cost a small request
 * had (see docs/benchmarks.md).
 */
final class SharedPartsResolver implements HandlerMethodArgumentResolver {

	static final int MIN_DIMENSION = 16;

	static final int MAX_DIMENSION = 100_000;

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == SharedParts.class;
	}

	@Override
	public SharedParts resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
		List<MultipartFile> images = (request instanceof MultipartHttpServletRequest multipart)
				? multipart.getFiles("images") : List.of();
		return new SharedParts(images, values(request, "fileIds"), values(request, "imageUrls"),
				request.getParameter("model"), request.getParameter("systemInstruction"), maxDimension(request),
				request.getParameter("mediaResolution"));
	}

	private static List<String> values(HttpServletRequest request, String name) {
		String[] values = request.getParameterValues(name);
		return (values != null) ? Arrays.asList(values) : List.of();
	}

	private static Integer maxDimension(HttpServletRequest request) {
		String text = request.getParameter("maxDimension");
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= MIN_DIMENSION && value <= MAX_DIMENSION) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// Reported below, like an out-of-range number.
		}
		throw new VisionException(ErrorCode.BAD_REQUEST,
				"The part 'maxDimension' must be a whole number from " + MIN_DIMENSION + " to " + MAX_DIMENSION + ".",
				Map.of("part", "maxDimension"));
	}

}
