package com.example.visiongateway.spatial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the outer contours of a box mask by border following on the pixel-corner lattice:
 * each contour walks the edges between set and unset pixels with the set side on its
 * right, and its vertices are the corners where it turns, so every vertex is an integer
 * pixel corner and the ring encloses exactly the pixels of its part (holes included).
 * <p>
 * Parts are 4-connected: two set pixels that touch only at a corner belong to different
 * parts, so no ring touches itself. Every boundary is traced once, from the first top
 * edge of it met in raster order; a boundary of a hole runs the other way round (negative
 * signed area) and is dropped. Cost: one pass over the bits plus the length of the
 * boundaries; one more bit per pixel marks the top edges already walked.
 */
final class ContourTracer {

	// Headings in screen coordinates (y down), clockwise: east, south, west, north.
	private static final int[] DX = { 1, 0, -1, 0 };

	private static final int[] DY = { 0, 1, 0, -1 };

	private static final int EAST = 0;

	private ContourTracer() {
	}

	/**
	 * The outer contours of every part of the mask, offset into the whole image.
	 * @param bits the mask of the box
	 * @param offsetX the box's left edge in the image
	 * @param offsetY the box's top edge in the image
	 * @return one closed ring per part, flat {@code [x1, y1, x2, y2, …]}, unsimplified
	 */
	static List<int[]> outerContours(BoxBits bits, int offsetX, int offsetY) {
		List<int[]> rings = new ArrayList<>();
		int stride = bits.stride();
		long[] walked = new long[Math.multiplyExact(stride, bits.height())];
		for (int y = 0; y < bits.height(); y++) {
			for (int i = 0; i < stride; i++) {
				// Pixels whose top edge is a boundary not walked yet.
				long above = (y > 0) ? bits.word(y - 1, i) : 0;
				long starts = bits.word(y, i) & ~above & ~walked[y * stride + i];
				while (starts != 0) {
					int x = (i << 6) + Long.numberOfTrailingZeros(starts);
					int[] ring = trace(bits, x, y, walked, offsetX, offsetY);
					if (ring != null) {
						rings.add(ring);
					}
					starts &= ~walked[y * stride + i];
				}
			}
		}
		return rings;
	}

	/**
	 * Walks one boundary from the top-left corner of pixel (x, y); null when it bounds a
	 * hole.
	 */
	private static int[] trace(BoxBits bits, int startX, int startY, long[] walked, int offsetX, int offsetY) {
		int stride = bits.stride();
		int[] vertices = new int[16];
		int size = 0;
		long doubleArea = 0;
		int x = startX;
		int y = startY;
		int heading = EAST;
		int lastX = startX;
		int lastY = startY;
		do {
			if (heading == EAST) {
				walked[y * stride + (x >>> 6)] |= 1L << x;
			}
			x += DX[heading];
			y += DY[heading];
			int next = turn(bits, x, y, heading);
			if (next != heading) {
				if (size == vertices.length) {
					vertices = Arrays.copyOf(vertices, size * 2);
				}
				vertices[size++] = x;
				vertices[size++] = y;
				doubleArea += (long) lastX * y - (long) x * lastY;
				lastX = x;
				lastY = y;
				heading = next;
			}
		}
		while (x != startX || y != startY || heading != EAST);
		// Closes the ring; zero when the start corner is itself a vertex.
		doubleArea += (long) lastX * startY - (long) startX * lastY;
		if (doubleArea <= 0) {
			return null;
		}
		int[] ring = Arrays.copyOf(vertices, size);
		for (int k = 0; k < size; k += 2) {
			ring[k] += offsetX;
			ring[k + 1] += offsetY;
		}
		return ring;
	}

	/**
	 * The heading after corner (x, y), from the two pixels ahead: turn right where the
	 * set side ends, left where a set pixel blocks the way, else straight on. Turning
	 * right when only the left pixel is set keeps diagonal neighbours apart
	 * (4-connectivity).
	 */
	private static int turn(BoxBits bits, int x, int y, int heading) {
		// The pixel ahead on the left and ahead on the right of the corner, for each
		// heading.
		boolean left;
		boolean right;
		switch (heading) {
			case 0 -> {
				left = bits.get(x, y - 1);
				right = bits.get(x, y);
			}
			case 1 -> {
				left = bits.get(x, y);
				right = bits.get(x - 1, y);
			}
			case 2 -> {
				left = bits.get(x - 1, y);
				right = bits.get(x - 1, y - 1);
			}
			default -> {
				left = bits.get(x - 1, y - 1);
				right = bits.get(x, y - 1);
			}
		}
		if (!right) {
			return (heading + 1) & 3;
		}
		return left ? (heading + 3) & 3 : heading;
	}

}
