package com.example.visiongateway.gemini;

/** How a model charges input tokens for an image. */
public enum TokenScheme {

	/** Gemini 1.5/2.x: 258 tokens for a small image, otherwise 258 per tile. */
	TILES,

	/** Gemini 3: a fixed price per {@link MediaResolution} level. */
	MEDIA_RESOLUTION

}
