package com.example.visiongateway.auth;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.example.visiongateway.auth.RateLimiter.Take;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request in only with a configured API key ({@code X-API-Key}, or
 * {@code Authorization: Bearer}), and within the key's requests-per-minute. It runs
 * before the multipart body is parsed, so a refused caller costs no upload. An accepted
 * caller's {@link Tenant} is set as a request attribute. Refusals go through Spring MVC's
 * exception resolution, so they are the same problems as everywhere else.
 */
final class ApiKeyFilter extends OncePerRequestFilter {

	static final String API_KEY_HEADER = "X-API-Key";

	private static final String BEARER = "bearer ";

	private static final String CHALLENGE = "Bearer realm=\"vision-gateway\"";

	private static final Logger log = LoggerFactory.getLogger(ApiKeyFilter.class);

	private final ApiKeys keys;

	private final RateLimiter requests;

	private final PublicPaths publicPaths;

	private final HandlerExceptionResolver problems;

	private final MeterRegistry meters;

	ApiKeyFilter(ApiKeys keys, RateLimiter requests, PublicPaths publicPaths, HandlerExceptionResolver problems,
			MeterRegistry meters) {
		this.keys = keys;
		this.requests = requests;
		this.publicPaths = publicPaths;
		this.problems = problems;
		this.meters = meters;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = path(request);
		// A Gemini upload session URL is its own credential, as at Google: Python's SDK
		// sends no key there; the session names its owner.
		return this.publicPaths.matches(path)
				|| (GeminiPaths.isUploadSession(path) && queryParameter(request, GeminiPaths.UPLOAD_ID).isPresent());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Optional<String> presented = presentedKey(request);
		if (presented.isEmpty()) {
			count("missing_key");
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
			refuse(request, response,
					new VisionException(ErrorCode.UNAUTHENTICATED,
							"An API key is required: send it in the X-API-Key header or as Authorization: Bearer <key> "
									+ "(under /gemini also as x-goog-api-key or ?key=, as Google's SDKs do)."));
			return;
		}
		Optional<String> caller = this.keys.identify(presented.get());
		if (caller.isEmpty()) {
			count("invalid_key");
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE + ", error=\"invalid_token\"");
			refuse(request, response, new VisionException(ErrorCode.UNAUTHENTICATED, "The API key is not valid."));
			return;
		}
		String name = caller.get();
		Take take = this.requests.take(name, 1);
		if (!take.granted()) {
			count("request_quota");
			log.debug("Key {} is over its {} requests per minute", name, this.requests.perMinute());
			refuse(request, response,
					new VisionException(ErrorCode.RATE_LIMITED,
							"This API key may make " + this.requests.perMinute() + " requests per minute; retry in "
									+ take.retryAfterSeconds() + " s.",
							Map.of("retryAfterSeconds", take.retryAfterSeconds(), "limit", this.requests.perMinute(),
									"quota", "requests-per-minute")));
			return;
		}
		count("accepted");
		request.setAttribute(Tenant.ATTRIBUTE, Tenant.named(name));
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletRequest request, HttpServletResponse response, VisionException problem) {
		if (this.problems.resolveException(request, response, null, problem) == null) {
			throw problem;
		}
	}

	/**
	 * No key name as a tag: metrics may be read by whoever reaches the management port.
	 */
	private void count(String outcome) {
		this.meters.counter("vision.auth.requests", "outcome", outcome).increment();
	}

	/**
	 * The key from {@code X-API-Key}, else from a bearer {@code Authorization} header,
	 * else, under {@code /gemini} only, where Google's SDKs put an API key
	 * ({@code x-goog-api-key}, then {@code ?key=}); blank counts as none.
	 */
	static Optional<String> presentedKey(HttpServletRequest request) {
		String header = request.getHeader(API_KEY_HEADER);
		if (header != null && !header.isBlank()) {
			return Optional.of(header.strip());
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.length() > BEARER.length()
				&& authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
			String token = authorization.substring(BEARER.length()).strip();
			return token.isEmpty() ? Optional.empty() : Optional.of(token);
		}
		if (!GeminiPaths.isGemini(path(request))) {
			return Optional.empty();
		}
		String google = request.getHeader(GeminiPaths.API_KEY_HEADER);
		if (google != null && !google.isBlank()) {
			return Optional.of(google.strip());
		}
		return queryParameter(request, "key").map(String::strip).filter((key) -> !key.isEmpty());
	}

	/**
	 * A query parameter read from the query string itself: {@code getParameter} could
	 * read a form body, and this filter reads no body.
	 */
	private static Optional<String> queryParameter(HttpServletRequest request, String name) {
		String query = request.getQueryString();
		if (query == null) {
			return Optional.empty();
		}
		for (String pair : query.split("&")) {
			int eq = pair.indexOf('=');
			String key = (eq >= 0) ? pair.substring(0, eq) : pair;
			if (key.equals(name)) {
				try {
					return Optional
						.of(URLDecoder.decode((eq >= 0) ? pair.substring(eq + 1) : "", StandardCharsets.UTF_8));
				}
				catch (IllegalArgumentException malformed) {
					return Optional.empty();
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * The path as the container decoded and normalized it, so {@code /actuator/../v1/…}
	 * is not public.
	 */
	private static String path(HttpServletRequest request) {
		String servletPath = request.getServletPath();
		String pathInfo = request.getPathInfo();
		return (pathInfo != null) ? servletPath + pathInfo : servletPath;
	}

}
