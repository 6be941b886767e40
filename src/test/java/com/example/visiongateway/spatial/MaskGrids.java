package com.example.visiongateway.spatial;

import java.awt.geom.Path2D;
import java.util.List;

/**
 * Masks written as text ({@code #} set, {@code .} unset, rows split by {@code /}) and
 * polygons rasterised back.
 */
final class MaskGrids {

	private MaskGrids() {
	}

	/** A box mask from text rows. */
	static BoxMask of(String rows) {
		String[] lines = rows.split("/");
		int width = lines[0].length();
		int height = lines.length;
		return new BoxMask() {

			@Override
			public int width() {
				return width;
			}

			@Override
			public int height() {
				return height;
			}

			@Override
			public void column(int x, boolean[] out) {
				for (int y = 0; y < height; y++) {
					out[y] = lines[y].charAt(x) == '#';
				}
			}

		};
	}

	/** Every pixel of a box mask, row-major. */
	static boolean[] pixels(BoxMask mask) {
		boolean[] pixels = new boolean[mask.width() * mask.height()];
		boolean[] column = new boolean[mask.height()];
		for (int x = 0; x < mask.width(); x++) {
			mask.column(x, column);
			for (int y = 0; y < mask.height(); y++) {
				pixels[y * mask.width() + x] = column[y];
			}
		}
		return pixels;
	}

	/**
	 * The pixels of a width x height area (whose top-left is at originX, originY) whose
	 * centres lie inside any of the rings: how an SVG renderer or pycocotools fills a
	 * list of outer contours.
	 */
	static boolean[] rasterise(List<int[]> rings, int originX, int originY, int width, int height) {
		Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
		for (int[] ring : rings) {
			path.moveTo(ring[0], ring[1]);
			for (int k = 2; k < ring.length; k += 2) {
				path.lineTo(ring[k], ring[k + 1]);
			}
			path.closePath();
		}
		boolean[] pixels = new boolean[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				pixels[y * width + x] = path.contains(originX + x + 0.5, originY + y + 0.5);
			}
		}
		return pixels;
	}

	static double iou(boolean[] a, boolean[] b) {
		long both = 0;
		long either = 0;
		for (int i = 0; i < a.length; i++) {
			both += (a[i] && b[i]) ? 1 : 0;
			either += (a[i] || b[i]) ? 1 : 0;
		}
		return (either == 0) ? 1.0 : (double) both / either;
	}

}
