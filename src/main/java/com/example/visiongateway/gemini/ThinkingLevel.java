package com.example.visiongateway.gemini;

import java.util.Locale;

/**
 * Gemini 3's {@code generationConfig.thinkingConfig.thinkingLevel}. Which levels a model
 * takes is the model's business (3.8 Flash refuses {@code minimal}); the catalog
 * configures only levels the model's documentation lists.
 */
public enum ThinkingLevel {

	MINIMAL, LOW, MEDIUM, HIGH;

	/** The value on the wire, lower case as in Google's samples. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

}
