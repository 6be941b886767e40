package com.example.visiongateway.spatial;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Turns the model's normalized {@code [ymin, xmin, ymax, xmax]} box into pixels of the
 * upright image. Every step is exact: coordinates are clamped into [0, 1000], floored to
 * integers on their decimal value (so {@code 289.9999999999999999} is 289, which a double
 * would round to 290), and scaled as {@code floor(v * dimension / 1000)} in long
 * arithmetic. Flooring first keeps {@code bbox} reproducible from the {@code box2d} the
 * caller sees.
 */
final class BoxGeometry {

	private static final BigDecimal MIN = BigDecimal.ZERO;

	private static final BigDecimal MAX = BigDecimal.valueOf(1000);

	private BoxGeometry() {
	}

	/**
	 * Convert one box.
	 * @param box2d four coordinates; their scale must be bounded (the reader ensures it)
	 * so flooring stays cheap
	 * @param width the upright image width in pixels
	 * @param height the upright image height in pixels
	 * @return the model box as integers and its pixel box, which may be empty
	 */
	static Converted convert(List<BigDecimal> box2d, int width, int height) {
		int[] v = new int[4];
		boolean clamped = false;
		for (int i = 0; i < 4; i++) {
			BigDecimal value = box2d.get(i);
			if (value.compareTo(MIN) < 0) {
				value = MIN;
				clamped = true;
			}
			else if (value.compareTo(MAX) > 0) {
				value = MAX;
				clamped = true;
			}
			v[i] = value.setScale(0, RoundingMode.FLOOR).intValueExact();
		}
		boolean swapped = false;
		for (int i = 0; i < 2; i++) {
			if (v[i] > v[i + 2]) {
				int min = v[i + 2];
				v[i + 2] = v[i];
				v[i] = min;
				swapped = true;
			}
		}
		PixelBox pixels = new PixelBox(scale(v[1], width), scale(v[0], height), scale(v[3], width),
				scale(v[2], height));
		return new Converted(List.of(v[0], v[1], v[2], v[3]), pixels, clamped, swapped);
	}

	/**
	 * {@code floor(v * dimension / 1000)}; v is never negative, so integer division
	 * floors.
	 */
	static int scale(int v, int dimension) {
		return (int) ((long) v * dimension / 1000);
	}

	/**
	 * A converted box.
	 *
	 * @param box2d the model's box after clamping, flooring and swapping
	 * @param pixels the box in pixels
	 * @param clamped whether a coordinate lay outside [0, 1000]
	 * @param swapped whether a min/max pair was inverted
	 */
	record Converted(List<Integer> box2d, PixelBox pixels, boolean clamped, boolean swapped) {
	}

}
