package com.example.visiongateway.task;

import com.example.visiongateway.gemini.MediaResolution;
import com.example.visiongateway.gemini.ModelSettings;
import com.example.visiongateway.gemini.TokenScheme;
import com.example.visiongateway.image.ImageInfo;

/** Gemini's published image token arithmetic; no model call. */
final class TokenEstimator {

	static final int TOKENS_PER_TILE = 258;

	private static final int SMALL_IMAGE_SIDE = 384;

	private TokenEstimator() {
	}

	/**
	 * The estimate for one image.
	 * @param info the image as it is sent
	 * @param settings the model's settings
	 * @param requested the caller's media resolution, or null for the model's configured
	 * one
	 */
	static TokenEstimate estimate(ImageInfo info, ModelSettings settings, MediaResolution requested) {
		if (settings.tokenScheme() == TokenScheme.MEDIA_RESOLUTION) {
			MediaResolution resolution = (requested != null) ? requested : settings.mediaResolution();
			return new TokenEstimate(resolution.tokensPerImage(), null, null);
		}
		int tiles = tiles(info.width(), info.height());
		return new TokenEstimate(tiles * TOKENS_PER_TILE, tiles, null);
	}

	/**
	 * Both sides up to 384 px: one tile. Otherwise square crops of floor(min side / 1.5),
	 * counted per side.
	 */
	static int tiles(int width, int height) {
		if (width <= SMALL_IMAGE_SIDE && height <= SMALL_IMAGE_SIDE) {
			return 1;
		}
		int unit = Math.max(1, (int) Math.floor(Math.min(width, height) / 1.5));
		return ceilDiv(width, unit) * ceilDiv(height, unit);
	}

	private static int ceilDiv(int value, int divisor) {
		return (value + divisor - 1) / divisor;
	}

}
