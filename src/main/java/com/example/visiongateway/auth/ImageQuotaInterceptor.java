package com.example.visiongateway.auth;

import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Charges the caller's images-per-minute once the multipart body is parsed (the count is
 * only known then): every {@code images} file, {@code fileIds} and {@code imageUrls}
 * value of a vision request, and 1 for an upload to {@code POST /v1/files}.
 */
final class ImageQuotaInterceptor implements HandlerInterceptor {

	static final String FILES_PATH = "/v1/files";

	private final ImageQuota quota;

	ImageQuotaInterceptor(ImageQuota quota) {
		this.quota = quota;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// An asynchronous controller's result comes back on a second (ASYNC) dispatch: it
		// was charged on the first.
		if (request.getDispatcherType() == DispatcherType.REQUEST
				&& request.getAttribute(Tenant.ATTRIBUTE) instanceof Tenant caller) {
			this.quota.charge(caller, imageCount(request));
		}
		return true;
	}

	/**
	 * The images a request carries, all sources together; blank ids and URLs name no
	 * image.
	 */
	static long imageCount(HttpServletRequest request) {
		if (!"POST".equals(request.getMethod())) {
			return 0;
		}
		if (FILES_PATH.equals(request.getServletPath())) {
			return 1;
		}
		long count = nonBlank(request.getParameterValues("fileIds"))
				+ nonBlank(request.getParameterValues("imageUrls"));
		if (request instanceof MultipartHttpServletRequest multipart) {
			count += multipart.getMultiFileMap().getOrDefault("images", List.of()).size();
		}
		return count;
	}

	private static long nonBlank(String[] values) {
		if (values == null) {
			return 0;
		}
		long count = 0;
		for (String value : values) {
			if (!value.isBlank()) {
				count++;
			}
		}
		return count;
	}

}
