package com.example.visiongateway.state;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the state replicas share lives: the file registry, caller quotas, provider
 * budgets, cool-downs and the result cache.
 *
 * @param store {@code memory} (one process, nothing to install) or {@code redis} (the
 * connection is Boot's {@code spring.data.redis.*})
 * @param keyPrefix put before every Redis key, so several deployments (or tests) can
 * share one Redis
 * @param retryAfter after Redis failed, how long requests are served on this replica's
 * own state before Redis is tried again
 */
@ConfigurationProperties("vision.state")
@Validated
public record StateProperties(@DefaultValue("memory") @NotNull Store store,
		@DefaultValue("vision:") @NotBlank String keyPrefix, @DefaultValue("5s") @NotNull Duration retryAfter) {

	public StateProperties {
		if (retryAfter != null && (retryAfter.isNegative() || retryAfter.isZero())) {
			throw new IllegalArgumentException("vision.state.retry-after must be positive but was " + retryAfter);
		}
	}

	/** The kinds of store. */
	public enum Store {

		/** This process's memory: each replica on its own. */
		MEMORY,

		/** One Redis for every replica. */
		REDIS

	}

}
