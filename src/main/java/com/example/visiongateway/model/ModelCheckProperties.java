package com.example.visiongateway.model;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The check of the allow-list against Gemini's {@code models.list}.
 *
 * @param enabled whether to check at all
 * @param interval time between checks; the first runs at start-up
 * @param pageSize models asked for per page
 * @param maxPages pages read at most per check; a longer list counts as a failed check
 * @param startupWait how long start-up waits for the first check before serving anyway
 */
@ConfigurationProperties("vision.gemini.model-check")
public record ModelCheckProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
		@DefaultValue("100") int pageSize, @DefaultValue("50") int maxPages,
		@DefaultValue("10s") Duration startupWait) {

	public ModelCheckProperties {
		if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException(
					"vision.gemini.model-check.interval must be at least 1s but was " + interval);
		}
		if (startupWait == null || startupWait.isNegative()) {
			throw new IllegalArgumentException(
					"vision.gemini.model-check.startup-wait must not be negative but was " + startupWait);
		}
		if (pageSize < 1 || pageSize > 1000 || maxPages < 1) {
			throw new IllegalArgumentException("vision.gemini.model-check.page-size must be 1 to 1000 and "
					+ "vision.gemini.model-check.max-pages positive");
		}
	}

}
