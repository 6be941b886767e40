package com.example.visiongateway.ui;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser hardening on every response, set before the chain so refusals carry it too. The
 * playground and Swagger UI load only the gateway's own scripts and styles (no inline
 * script, no CDN); images may be the caller's own files ({@code blob:}) or Swagger UI's
 * {@code data:} icons. Swagger UI's bundle sets inline styles, so its pages alone allow
 * them; scripts stay the gateway's own everywhere.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String CONTENT_SECURITY_POLICY = policy("'self'");

	static final String SWAGGER_UI_POLICY = policy("'self' 'unsafe-inline'");

	private static String policy(String styles) {
		return "default-src 'self'; script-src 'self'; style-src " + styles
				+ "; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
				+ "form-action 'self'; frame-ancestors 'none'";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean swaggerUi = request.getRequestURI().startsWith("/swagger-ui");
		response.setHeader("Content-Security-Policy", swaggerUi ? SWAGGER_UI_POLICY : CONTENT_SECURITY_POLICY);
		response.setHeader("X-Content-Type-Options", "nosniff");
		response.setHeader("Referrer-Policy", "no-referrer");
		chain.doFilter(request, response);
	}

}
