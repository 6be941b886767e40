package com.example.visiongateway.gemini;

import java.net.URI;

/**
 * The resumable upload's session URL names Google's host even when the gateway talks to a
 * stub or an egress proxy, so it is moved onto the configured base URL, as Google's SDKs
 * do.
 */
final class UploadSessions {

	private UploadSessions() {
	}

	/** The session URL's path and query on the base URL's scheme, host and port. */
	static URI rewrite(String sessionUrl, URI baseUrl) {
		URI session = URI.create(sessionUrl.strip());
		String path = (session.getRawPath() != null) ? session.getRawPath() : "";
		String query = (session.getRawQuery() != null) ? "?" + session.getRawQuery() : "";
		return URI.create(baseUrl.getScheme() + "://" + baseUrl.getRawAuthority() + path + query);
	}

}
