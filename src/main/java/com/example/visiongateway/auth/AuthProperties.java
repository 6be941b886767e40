package com.example.visiongateway.auth;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Caller authentication and per-key quotas. Only digests of the keys are configured, so a
 * leaked configuration does not leak a key. Invalid settings stop start-up with a message
 * naming the property.
 *
 * @param enabled whether callers must present a key ({@code X-API-Key} or
 * {@code Authorization: Bearer})
 * @param keyHashes the accepted keys as lower-case SHA-256 hex digests, each optionally
 * prefixed with a name for logs and metrics ({@code name:digest})
 * @param requestsPerMinute requests one key may make per minute; 0 for no limit
 * @param imagesPerMinute images one key may send per minute, all sources together; 0 for
 * no limit
 */
@ConfigurationProperties("vision.auth")
public record AuthProperties(@DefaultValue("false") boolean enabled, @DefaultValue List<String> keyHashes,
		@DefaultValue("0") int requestsPerMinute, @DefaultValue("0") int imagesPerMinute) {

	public AuthProperties {
		keyHashes = List.copyOf(keyHashes);
		if (requestsPerMinute < 0 || imagesPerMinute < 0) {
			throw new IllegalArgumentException(
					"vision.auth.requests-per-minute and vision.auth.images-per-minute must be 0 (no limit) or more");
		}
		if (enabled && keyHashes.isEmpty()) {
			throw new IllegalArgumentException("vision.auth.enabled is true but vision.auth.key-hashes "
					+ "(VISION_AUTH_KEYHASHES) lists no key digest; no caller could get in");
		}
		if (!enabled && (requestsPerMinute > 0 || imagesPerMinute > 0)) {
			throw new IllegalArgumentException("vision.auth.requests-per-minute and vision.auth.images-per-minute "
					+ "are per key and need vision.auth.enabled=true");
		}
	}

}
