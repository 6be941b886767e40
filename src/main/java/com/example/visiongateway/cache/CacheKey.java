package com.example.visiongateway.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What makes two requests the same for the result cache: the tenant, the endpoint, the
 * model, every parameter that shapes the answer and the SHA-256 of every image, in order.
 * <p>
 * {@link #id()} hashes one canonical rendering of all of it: parameters by name (the
 * order a caller sent them in does not matter), images and list values in order (it
 * does), every value length-prefixed so no text can pass for a separator, and null apart
 * from empty. The stored form's {@link #VERSION} is part of it, so answers stored in an
 * older form are never read as the new one.
 *
 * @param tenant the tenant's opaque id
 * @param endpoint the endpoint's name ({@code caption}, {@code ask}, …)
 * @param model the model called
 * @param parameters by name: null, a scalar (text, number, boolean, enum) or a list of
 * them
 * @param images hex SHA-256 of each image's bytes, in the request's order
 */
public record CacheKey(String tenant, String endpoint, String model, Map<String, Object> parameters,
		List<String> images) {

	/** Bumped whenever the form stored under a key changes. */
	static final String VERSION = "1";

	public CacheKey {
		Objects.requireNonNull(tenant, "tenant");
		Objects.requireNonNull(endpoint, "endpoint");
		Objects.requireNonNull(model, "model");
		// TreeMap: sorted by name, and it keeps null values Map.copyOf refuses
		parameters = new TreeMap<>(parameters);
		images = List.copyOf(images);
	}

	/** 64 hex digits naming this key in a store; the caller's text never appears. */
	public String id() {
		StringBuilder text = new StringBuilder();
		scalar(text, VERSION);
		scalar(text, this.tenant);
		scalar(text, this.endpoint);
		scalar(text, this.model);
		text.append('{').append(this.parameters.size()).append(':');
		this.parameters.forEach((name, value) -> {
			scalar(text, name);
			value(text, value);
		});
		value(text, this.images);
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(text.toString().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static void value(StringBuilder text, Object value) {
		if (value == null) {
			text.append('~');
		}
		else if (value instanceof List<?> list) {
			text.append('[').append(list.size()).append(':');
			list.forEach((item) -> value(text, item));
		}
		else if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
				|| value instanceof Enum<?>) {
			scalar(text, value.toString());
		}
		else {
			// Anything else has no canonical text (a map's order, an object's toString)
			throw new IllegalArgumentException("A cache key parameter must be a scalar or a list of them, not a "
					+ value.getClass().getSimpleName());
		}
	}

	private static void scalar(StringBuilder text, String value) {
		text.append('s').append(value.length()).append(':').append(value);
	}

}
