package com.example.visiongateway.observability;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One log line per request — method, path (never the query string), status, duration,
 * image count, model and request id — written when the response is complete, also for
 * asynchronous requests. The request id comes from {@code X-Request-Id} when it is sane,
 * is generated otherwise, and is echoed in the response.
 */
public class RequestLogFilter extends OncePerRequestFilter {

	public static final String HEADER = "X-Request-Id";

	private static final Logger log = LoggerFactory.getLogger("vision.requests");

	private static final Pattern SANE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String requestId = (given != null && SANE_ID.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		response.setHeader(HEADER, requestId);
		long start = System.nanoTime();
		MDC.put("requestId", requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("requestId");
			if (request.isAsyncStarted()) {
				request.getAsyncContext().addListener(new LogWhenDone(request, response, requestId, start));
			}
			else {
				write(request, response, requestId, start);
			}
		}
	}

	@Override
	protected boolean shouldNotFilterAsyncDispatch() {
		// The line is written once, by the listener, when the async request completes.
		return true;
	}

	private static void write(HttpServletRequest request, HttpServletResponse response, String requestId, long start) {
		if (!log.isInfoEnabled()) {
			return;
		}
		Object model = request.getAttribute(RequestFacts.MODEL);
		Object images = request.getAttribute(RequestFacts.IMAGES);
		log.info("{} {} status={} durationMs={} images={} model={} requestId={}", request.getMethod(),
				request.getRequestURI(), response.getStatus(), (System.nanoTime() - start) / 1_000_000,
				(images != null) ? images : 0, (model != null) ? model : "-", requestId);
	}

	private record LogWhenDone(HttpServletRequest request, HttpServletResponse response, String requestId,
			long start) implements AsyncListener {

		@Override
		public void onComplete(AsyncEvent event) {
			write(this.request, this.response, this.requestId, this.start);
		}

		@Override
		public void onTimeout(AsyncEvent event) {
			// onComplete follows and logs the final status.
		}

		@Override
		public void onError(AsyncEvent event) {
			// onComplete follows and logs the final status.
		}

		@Override
		public void onStartAsync(AsyncEvent event) {
			event.getAsyncContext().addListener(this);
		}

	}

}
