package com.example.visiongateway.fetch;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

/**
 * One URL the gateway is about to request: parsed strictly, http or https only, without
 * user credentials, with its host normalized (lower case, no brackets, no trailing dot)
 * for the allow-list and the checks.
 *
 * @param uri what is requested (no fragment)
 * @param host the normalized host
 * @param shown the URL as logs and problems show it: no query, no fragment, no user
 * information, since pre-signed URLs carry credentials in the query
 */
record FetchTarget(URI uri, String host, String shown) {

	/**
	 * Problems echo what the caller sent; an absurd value is cut to a readable length.
	 */
	private static final int MAX_SHOWN_LENGTH = 200;

	static FetchTarget parse(String url) {
		if (url == null || url.isBlank()) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "An imageUrls entry is empty.");
		}
		URI uri;
		try {
			uri = new URI(url.trim());
		}
		catch (URISyntaxException ex) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "An imageUrls entry is not a valid URL.");
		}
		return of(uri);
	}

	/**
	 * A redirect's Location, relative or absolute, checked like the URL the caller sent.
	 */
	FetchTarget redirect(String location) {
		URI next;
		try {
			next = this.uri.resolve(new URI(location.trim()));
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			throw FetchProblems.failed(this, "it redirected to an invalid URL");
		}
		return of(next);
	}

	boolean secure() {
		return "https".equals(this.uri.getScheme());
	}

	int port() {
		int port = this.uri.getPort();
		if (port != -1) {
			return port;
		}
		return "https".equals(this.uri.getScheme()) ? 443 : 80;
	}

	private static FetchTarget of(URI uri) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (scheme == null || uri.isOpaque()) {
			throw new VisionException(ErrorCode.URL_NOT_ALLOWED, "Only absolute http and https URLs are fetched.");
		}
		if (!scheme.equals("http") && !scheme.equals("https")) {
			throw new VisionException(ErrorCode.URL_NOT_ALLOWED,
					"Only http and https URLs are fetched, not " + printable(scheme) + ".");
		}
		if (uri.getRawUserInfo() != null) {
			throw new VisionException(ErrorCode.URL_NOT_ALLOWED, "URLs with user credentials are not fetched.");
		}
		if (uri.getHost() == null || uri.getHost().isEmpty()) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "An imageUrls entry has no valid host.");
		}
		String authority = uri.getRawAuthority();
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		URI request = URI.create(scheme + "://" + authority + path + query);
		String shown = printable(scheme + "://" + authority + path);
		return new FetchTarget(request, normalize(uri.getHost()), shown);
	}

	/**
	 * The same spelling rules for URL hosts and allow-list entries, so they compare as
	 * equals.
	 */
	static String normalize(String host) {
		String normalized = host.trim().toLowerCase(Locale.ROOT);
		if (normalized.startsWith("[") && normalized.endsWith("]")) {
			normalized = normalized.substring(1, normalized.length() - 1);
		}
		while (normalized.endsWith(".")) {
			normalized = normalized.substring(0, normalized.length() - 1);
		}
		return normalized;
	}

	private static String printable(String value) {
		String shortened = (value.length() > MAX_SHOWN_LENGTH) ? value.substring(0, MAX_SHOWN_LENGTH) + "…" : value;
		return shortened.replaceAll("\\p{Cntrl}", "?");
	}

}
