package com.example.visiongateway.auth;

import java.util.List;
import java.util.Map;

import com.example.visiongateway.auth.RateLimiter.Outcome;
import com.example.visiongateway.auth.RateLimiter.Take;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import io.micrometer.core.instrument.MeterRegistry;
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

	private final RateLimiter images;

	private final MeterRegistry meters;

	ImageQuotaInterceptor(RateLimiter images, MeterRegistry meters) {
		this.images = images;
		this.meters = meters;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		// An asynchronous controller's result comes back on a second (ASYNC) dispatch: it
		// was charged on the first.
		if (request.getDispatcherType() != DispatcherType.REQUEST
				|| !(request.getAttribute(Tenant.ATTRIBUTE) instanceof Tenant caller)) {
			return true;
		}
		long count = imageCount(request);
		Take take = this.images.take(caller.name(), count);
		if (take.outcome() == Outcome.EXCEEDS_LIMIT) {
			refuse(take, "This API key may send " + this.images.perMinute() + " images per minute and this request has "
					+ count + ": send fewer images per request.", count);
		}
		if (!take.granted()) {
			refuse(take, "This API key may send " + this.images.perMinute() + " images per minute; this request has "
					+ count + ". Retry in " + take.retryAfterSeconds() + " s.", count);
		}
		return true;
	}

	private void refuse(Take take, String detail, long count) {
		this.meters.counter("vision.auth.requests", "outcome", "image_quota").increment();
		throw new VisionException(ErrorCode.RATE_LIMITED, detail, Map.of("retryAfterSeconds", take.retryAfterSeconds(),
				"limit", this.images.perMinute(), "actual", count, "quota", "images-per-minute"));
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
