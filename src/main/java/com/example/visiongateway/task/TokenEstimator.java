package com.example.visiongateway.task;

import com.example.visiongateway.gemini.ModelSettings;
import com.example.visiongateway.gemini.TokenScheme;
import com.example.visiongateway.image.ImageInfo;

/** Gemini's published image token arithmetic; no model call. */
final class TokenEstimator {

	static final int TOKENS_PER_TILE = 258;

	private static final int SMALL_IMAGE_SIDE = 384;

	private TokenEstimator() {
	}

	static TokenEstimate estimate(ImageInfo info, ModelSettings settings) {
		if (settings.tokenScheme() == TokenScheme.MEDIA_RESOLUTION) {
			return new TokenEstimate(settings.mediaResolution().tokensPerImage(), null);
		}
		int tiles = tiles(info.width(), info.height());
		return new TokenEstimate(tiles * TOKENS_PER_TILE, tiles);
	}

	/** Both sides up to 384 px: one tile. Otherwise square crops of floor(min side / 1.5), counted per side. */
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
