package com.example.visiongateway.auth;

import java.util.List;

/**
 * The paths anyone may call with authentication on: the actuator (only health, info and prometheus are exposed) and
 * the OpenAPI description with Swagger UI. Everything else needs a key, unknown paths included.
 */
record PublicPaths(List<String> exact, List<String> prefixes) {

	static PublicPaths of(String apiDocsPath, String swaggerUiPath) {
		return new PublicPaths(List.of("/actuator", apiDocsPath, swaggerUiPath),
				List.of("/actuator/", apiDocsPath + "/", apiDocsPath + ".", "/swagger-ui/"));
	}

	/** Whether the path, as the container decoded and normalized it, is open to anyone. */
	boolean matches(String path) {
		return this.exact.contains(path) || this.prefixes.stream().anyMatch(path::startsWith);
	}

}
