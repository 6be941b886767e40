package com.example.visiongateway.gemini;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the gateway needs to know about one allowed model.
 *
 * @param maxImages images per request, at most 3,600 (the Developer API's limit for
 * Gemini 2.x)
 * @param masks whether the model can return segmentation masks (a Gemini 2.5 feature)
 * @param jsonMode whether the model honours {@code responseMimeType: application/json}
 * @param tokenScheme how image input tokens are charged
 * @param mediaResolution the level charged when {@code tokenScheme} is
 * {@code MEDIA_RESOLUTION}
 * @param generationConfig merged into every request for this model (for example
 * {@code thinkingConfig})
 * @param spatialGenerationConfig merged on top for detect and segment (for example a zero
 * thinking budget)
 */
public record ModelSettings(@DefaultValue("3600") @Min(1) @Max(3600) int maxImages, @DefaultValue("true") boolean masks,
		@DefaultValue("true") boolean jsonMode, @DefaultValue("TILES") TokenScheme tokenScheme,
		@DefaultValue("HIGH") MediaResolution mediaResolution, Map<String, Object> generationConfig,
		Map<String, Object> spatialGenerationConfig) {

	public ModelSettings {
		tokenScheme = (tokenScheme != null) ? tokenScheme : TokenScheme.TILES;
		mediaResolution = (mediaResolution != null) ? mediaResolution : MediaResolution.HIGH;
		generationConfig = readOnly(generationConfig);
		spatialGenerationConfig = readOnly(spatialGenerationConfig);
	}

	/** The settings of a model configured with nothing but its name. */
	public static ModelSettings defaults() {
		return new ModelSettings(3600, true, true, TokenScheme.TILES, MediaResolution.HIGH, Map.of(), Map.of());
	}

	private static Map<String, Object> readOnly(Map<String, Object> map) {
		// LinkedHashMap rather than Map.copyOf: keeps the configured order for readable
		// request bodies
		return (map != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(map)) : Map.of();
	}

}
