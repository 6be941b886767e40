package com.example.visiongateway.spatial;

import java.util.List;

/** An item's mask as the model gave it, before geometry: either form Gemini returns. */
sealed interface RawMask {

	/**
	 * A base64 PNG probability map covering the box (Gemini 2.5).
	 *
	 * @param text the mask text, with or without a data URL prefix
	 */
	record PngMap(String text) implements RawMask {
	}

	/**
	 * One or several polygons of {@code [x, y]} points normalized to 0–1000 (Gemini 3.x).
	 *
	 * @param rings each ring as {@code x0, y0, x1, y1, …}, already clamped into [0, 1000]
	 * @param clampedPoints how many points lay outside [0, 1000]
	 * @param droppedRings rings with fewer than three points, which enclose nothing
	 */
	record Polygons(List<double[]> rings, int clampedPoints, int droppedRings) implements RawMask {

		public Polygons {
			rings = List.copyOf(rings);
		}

	}

	/**
	 * A mask that is neither form.
	 *
	 * @param reason why, for the caller's warnings
	 */
	record Unreadable(String reason) implements RawMask {
	}

}
