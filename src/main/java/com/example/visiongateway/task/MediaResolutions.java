package com.example.visiongateway.task;

import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.MediaResolution;
import com.example.visiongateway.gemini.TokenScheme;
import com.example.visiongateway.model.ModelCatalog.Model;

/**
 * The caller's {@code mediaResolution}: only models charged per media resolution (Gemini
 * 3) take it, as {@code generationConfig.mediaResolution}.
 */
final class MediaResolutions {

	private MediaResolutions() {
	}

	/** Refuses a media resolution for a model that does not take one. */
	static void check(MediaResolution resolution, Model model) {
		if (resolution != null && model.settings().tokenScheme() != TokenScheme.MEDIA_RESOLUTION) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"Model " + model.name() + " does not take a media "
							+ "resolution; leave out 'mediaResolution' or choose a model that takes it (Gemini 3).",
					Map.of("part", "mediaResolution"));
		}
	}

	/**
	 * The generation settings with the caller's media resolution added, after checking
	 * the model takes it.
	 */
	static Map<String, Object> apply(Map<String, Object> config, MediaResolution resolution, Model model) {
		check(resolution, model);
		if (resolution == null) {
			return config;
		}
		return GenerationConfigs.merge(config, Map.of("mediaResolution", wireName(resolution)));
	}

	/** Gemini's enum value, {@code MEDIA_RESOLUTION_LOW} and so on. */
	static String wireName(MediaResolution resolution) {
		return "MEDIA_RESOLUTION_" + resolution.name();
	}

}
