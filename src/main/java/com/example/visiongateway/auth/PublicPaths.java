package com.example.visiongateway.auth;

import java.util.List;

/**
 * The paths anyone may call on the API port with authentication on: health (for probes
 * and load balancers), the OpenAPI description with Swagger UI and the playground's
 * static files (the page asks for a key and sends it with each call). Everything else
 * needs a key: metrics and info too (they are served without a key on the management
 * port, {@code management.server.port}, which this filter does not guard), and unknown
 * paths.
 */
record PublicPaths(List<String> exact, List<String> prefixes) {

	static PublicPaths of(String apiDocsPath, String swaggerUiPath) {
		return new PublicPaths(
				List.of("/actuator/health", apiDocsPath, swaggerUiPath, "/", "/index.html", "/playground.js",
						"/playground.css", "/favicon.svg"),
				List.of("/actuator/health/", apiDocsPath + "/", apiDocsPath + ".", "/swagger-ui/"));
	}

	/**
	 * Whether the path, as the container decoded and normalized it, is open to anyone.
	 */
	boolean matches(String path) {
		return this.exact.contains(path) || this.prefixes.stream().anyMatch(path::startsWith);
	}

}
