package com.example.visiongateway.cache;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The result cache: complete answers kept per tenant and answered again without calling
 * Gemini.
 *
 * @param enabled whether answers are looked up and stored at all
 * @param ttl how long a stored answer is answered again
 * @param maxEntrySize an answer larger than this (as stored, JSON) is not stored
 * @param maxMemory what the cache may hold in this process's memory (the whole cache with
 * {@code vision.state.store=memory}, the fallback while Redis is gone with {@code redis})
 */
@ConfigurationProperties("vision.cache")
@Validated
public record CacheProperties(@DefaultValue("false") boolean enabled, @DefaultValue("24h") @NotNull Duration ttl,
		@DefaultValue("1MB") @NotNull DataSize maxEntrySize, @DefaultValue("64MB") @NotNull DataSize maxMemory) {

	public CacheProperties {
		if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
			throw new IllegalArgumentException("vision.cache.ttl must be positive but was " + ttl);
		}
		if (maxEntrySize != null && maxEntrySize.toBytes() <= 0) {
			throw new IllegalArgumentException("vision.cache.max-entry-size must be positive but was " + maxEntrySize);
		}
		if (maxEntrySize != null && maxMemory != null && maxMemory.compareTo(maxEntrySize) < 0) {
			throw new IllegalArgumentException("vision.cache.max-memory (" + maxMemory
					+ ") must be at least vision.cache.max-entry-size (" + maxEntrySize + ")");
		}
	}

}
