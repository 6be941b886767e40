package com.example.visiongateway.task;

import java.util.List;

import com.example.visiongateway.gemini.MediaResolution;
import com.example.visiongateway.gemini.ModelSettings;
import com.example.visiongateway.gemini.TokenScheme;
import com.example.visiongateway.image.ImageInfo;

/** Gemini's published image token arithmetic; no model call. */
public final class TokenEstimator {

	static final int TOKENS_PER_TILE = 258;

	private static final int SMALL_IMAGE_SIDE = 384;

	private TokenEstimator() {
	}

	/**
	 * Input tokens a call will cost, for the model's tokens-per-minute budget: each
	 * image's estimate as sent (a tile's worth when its size is unknown), and a token for
	 * every four characters of text. The answer's usage corrects it.
	 * @param images each image as it is sent, {@code null} where its size is unknown
	 * @param settings the model's settings
	 * @param requested the caller's media resolution, or null for the model's configured
	 * one
	 * @param textCharacters the characters of every text sent (prompt, system
	 * instruction)
	 */
	public static long callTokens(List<ImageInfo> images, ModelSettings settings, MediaResolution requested,
			long textCharacters) {
		long tokens = (textCharacters + 3) / 4;
		for (ImageInfo image : images) {
			tokens += (image != null) ? estimate(image, settings, requested).estimated() : TOKENS_PER_TILE;
		}
		return tokens;
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
