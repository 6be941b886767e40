package com.example.visiongateway.gemini;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a call meets a spent provider budget (the per-model {@code requests-per-minute} and
 * {@code tokens-per-minute}). Kept apart from {@link GeminiProperties} like
 * {@link GeminiResilienceProperties} (same {@code vision.gemini} prefix).
 *
 * @param budgetWait how long a call may wait for the budget to refill before it is
 * answered {@code 429 RATE_LIMITED} without reaching Gemini
 */
@ConfigurationProperties("vision.gemini")
public record ProviderBudgetProperties(@DefaultValue("0s") Duration budgetWait) {

	public ProviderBudgetProperties {
		if (budgetWait == null || budgetWait.isNegative() || budgetWait.compareTo(Duration.ofMinutes(1)) > 0) {
			throw new IllegalArgumentException(
					"vision.gemini.budget-wait must be between 0s and 1m but was " + budgetWait);
		}
	}

}
