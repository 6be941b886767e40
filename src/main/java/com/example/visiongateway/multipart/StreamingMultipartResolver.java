package com.example.visiongateway.multipart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.multipart.MultipartResolver;
import org.springframework.web.multipart.support.DefaultMultipartHttpServletRequest;

/**
 * Spring MVC's multipart resolver, backed by the gateway's own {@link MultipartReader}
 * instead of the container's parser: several times faster on large images, a digest
 * computed on the way in, heap and disk budgets shared by all requests, text parts
 * bounded on their own, and a timeout for the whole body. Only requests bound for a
 * handler that takes multipart are read ({@link MultipartEndpoints}). Parts are released
 * when Spring cleans up the request and, at the latest, when the container destroys it
 * ({@link MultipartCleanupListener}).
 */
public final class StreamingMultipartResolver implements MultipartResolver, AutoCloseable {

	static final String PARTS_ATTRIBUTE = StreamingMultipartResolver.class.getName() + ".parts";

	/** RFC 2046: 1 to 70 characters. */
	private static final int MAX_BOUNDARY_LENGTH = 70;

	private final MultipartLimits limits;

	private final BodyBudgets budgets;

	private final Duration bodyTimeout;

	private final MultipartEndpoints endpoints;

	/**
	 * One thread per core digests and writes large parts while request threads read (see
	 * BackgroundSpool).
	 */
	private final ThreadPoolExecutor spooler;

	StreamingMultipartResolver(MultipartLimits limits, BodyBudgets budgets, Duration bodyTimeout,
			MultipartEndpoints endpoints) {
		this.limits = limits;
		this.budgets = budgets;
		this.bodyTimeout = bodyTimeout;
		this.endpoints = endpoints;
		int threads = Runtime.getRuntime().availableProcessors();
		CustomizableThreadFactory factory = new CustomizableThreadFactory("part-spool-");
		factory.setDaemon(true);
		this.spooler = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
				factory);
		this.spooler.allowCoreThreadTimeOut(true);
	}

	@Override
	public void close() {
		this.spooler.shutdownNow();
	}

	@Override
	public boolean isMultipart(HttpServletRequest request) {
		String contentType = request.getContentType();
		return contentType != null && contentType.regionMatches(true, 0, MediaType.MULTIPART_FORM_DATA_VALUE, 0,
				MediaType.MULTIPART_FORM_DATA_VALUE.length()) && this.endpoints.takeMultipart(request);
	}

	@Override
	public MultipartHttpServletRequest resolveMultipart(HttpServletRequest request) {
		byte[] boundary = boundary(request.getContentType());
		if (request.getContentLengthLong() > this.limits.maxRequestSize()) {
			throw MultipartProblems.requestTooLarge(this.limits.maxRequestSize());
		}
		ParsedMultipart parsed;
		try {
			parsed = new MultipartReader(request.getInputStream(), request.getContentLengthLong(), boundary,
					this.limits, this.budgets, this.spooler, this.bodyTimeout)
				.read();
		}
		catch (IOException ex) {
			throw MultipartProblems.unreadable();
		}
		request.setAttribute(PARTS_ATTRIBUTE, parsed);
		return new DefaultMultipartHttpServletRequest(request, parsed.files(), parsed.parameters(),
				parsed.parameterContentTypes());
	}

	@Override
	public void cleanupMultipart(MultipartHttpServletRequest request) {
		release(request);
	}

	static void release(ServletRequest request) {
		if (request.getAttribute(PARTS_ATTRIBUTE) instanceof ParsedMultipart parsed) {
			parsed.release();
		}
	}

	private static byte[] boundary(String contentType) {
		String boundary;
		try {
			boundary = MediaType.parseMediaType(contentType).getParameter("boundary");
		}
		catch (InvalidMediaTypeException ex) {
			throw MultipartProblems.malformed("its Content-Type cannot be parsed");
		}
		if (boundary != null && boundary.length() >= 2 && boundary.startsWith("\"") && boundary.endsWith("\"")) {
			boundary = boundary.substring(1, boundary.length() - 1);
		}
		if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH
				|| !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
			throw MultipartProblems.malformed("its Content-Type needs a boundary of 1 to 70 ASCII characters");
		}
		return boundary.getBytes(StandardCharsets.US_ASCII);
	}

}
