package com.example.visiongateway.spatial;

import java.util.Arrays;

import com.example.visiongateway.gemini.MaskFrame;

/**
 * A polygon mask rasterised over its pixel box, so RLE, PNG and polygon outputs are made
 * from it exactly as from a PNG map.
 * <p>
 * The pixel-centre rule: pixel {@code (x, y)} is set when its centre
 * {@code (x + 0.5, y + 0.5)} lies inside the rings by the even-odd rule, all rings
 * together (a ring inside another is a hole; a self-intersecting ring alternates). A
 * centre exactly on an edge follows
 * {@link java.awt.geom.Path2D#contains(double, double)}: a horizontal ray to the right
 * counts an edge when the centre's y is in {@code [min y, max y)} of the edge and the
 * centre lies left of the crossing. Points are mapped to pixels as
 * {@code x * width / 1000} over the image (frame {@code IMAGE}) or the box (frame
 * {@code BOX}); whatever lies outside the box is cut off, as for PNG maps.
 */
final class PolygonMask implements BoxMask {

	private static final int[] NO_SPANS = new int[0];

	private final int width;

	private final int height;

	/** Per box row, set pixel runs as {@code from, to} pairs (to exclusive). */
	private final int[][] spans;

	PolygonMask(RawMask.Polygons polygons, MaskFrame frame, PixelBox box, int imageWidth, int imageHeight) {
		this.width = box.width();
		this.height = box.height();
		double originX = (frame == MaskFrame.BOX) ? box.x1() : 0;
		double originY = (frame == MaskFrame.BOX) ? box.y1() : 0;
		double scaleX = (frame == MaskFrame.BOX) ? box.width() : imageWidth;
		double scaleY = (frame == MaskFrame.BOX) ? box.height() : imageHeight;
		double[][] rings = new double[polygons.rings().size()][];
		for (int r = 0; r < rings.length; r++) {
			double[] normalized = polygons.rings().get(r);
			double[] pixels = new double[normalized.length];
			for (int i = 0; i < normalized.length; i += 2) {
				pixels[i] = originX + normalized[i] * scaleX / 1000;
				pixels[i + 1] = originY + normalized[i + 1] * scaleY / 1000;
			}
			rings[r] = pixels;
		}
		this.spans = spans(rings, box);
	}

	/**
	 * What filling costs, in {@link BilinearMask#work}'s units: at most every row's
	 * crossings for every edge, then every pixel of the box read once.
	 */
	static long work(RawMask.Polygons polygons, PixelBox box) {
		long points = 0;
		for (double[] ring : polygons.rings()) {
			points += ring.length / 2;
		}
		return points * box.height() + (long) box.width() * box.height();
	}

	@Override
	public int width() {
		return this.width;
	}

	@Override
	public int height() {
		return this.height;
	}

	@Override
	public void column(int x, boolean[] out) {
		for (int y = 0; y < this.height; y++) {
			int[] row = this.spans[y];
			boolean set = false;
			for (int i = 0; i < row.length && !set; i += 2) {
				set = x >= row[i] && x < row[i + 1];
			}
			out[y] = set;
		}
	}

	/**
	 * Every edge's crossings with the row centres it spans, then per row the even-odd
	 * runs; work follows the polygon's size and the rows it covers, not the box's area.
	 */
	private static int[][] spans(double[][] rings, PixelBox box) {
		int rows = box.height();
		int[] counts = new int[rows];
		forEachCrossing(rings, box, (row, x) -> counts[row]++);
		double[][] crossings = new double[rows][];
		for (int row = 0; row < rows; row++) {
			crossings[row] = new double[counts[row]];
		}
		int[] filled = new int[rows];
		forEachCrossing(rings, box, (row, x) -> crossings[row][filled[row]++] = x);
		int[][] spans = new int[rows][];
		for (int row = 0; row < rows; row++) {
			spans[row] = runs(crossings[row], box);
		}
		return spans;
	}

	private static int[] runs(double[] crossings, PixelBox box) {
		if (crossings.length < 2) {
			return NO_SPANS;
		}
		Arrays.sort(crossings);
		int[] runs = new int[crossings.length - (crossings.length % 2)];
		int count = 0;
		for (int i = 0; i + 1 < crossings.length; i += 2) {
			int from = firstCentreAtOrRight(crossings[i], box);
			int to = firstCentreAtOrRight(crossings[i + 1], box);
			if (from < to) {
				runs[count++] = from;
				runs[count++] = to;
			}
		}
		return Arrays.copyOf(runs, count);
	}

	/**
	 * The first box column whose centre is at or right of {@code x}, within [0, width].
	 */
	private static int firstCentreAtOrRight(double x, PixelBox box) {
		int column = (int) Math.max(0, Math.min(box.width(), Math.ceil(x - box.x1() - 0.5)));
		// Settle the rounding of the subtraction with the exact comparison the rule uses
		while (column > 0 && box.x1() + column - 1 + 0.5 >= x) {
			column--;
		}
		while (column < box.width() && box.x1() + column + 0.5 < x) {
			column++;
		}
		return column;
	}

	private static void forEachCrossing(double[][] rings, PixelBox box, Crossing crossing) {
		for (double[] ring : rings) {
			int points = ring.length / 2;
			for (int i = 0; i < points; i++) {
				int j = (i + 1) % points;
				edge(ring[2 * i], ring[2 * i + 1], ring[2 * j], ring[2 * j + 1], box, crossing);
			}
		}
	}

	/** The edge's crossings in path order, with Path2D's arithmetic. */
	private static void edge(double x0, double y0, double x1, double y1, PixelBox box, Crossing crossing) {
		if (y0 == y1) {
			return;
		}
		double low = Math.min(y0, y1);
		double high = Math.max(y0, y1);
		double left = Math.min(x0, x1);
		double right = Math.max(x0, x1);
		int first = (int) Math.max(0, Math.floor(low - box.y1() - 0.5) - 1);
		for (int row = first; row < box.height(); row++) {
			double y = box.y1() + row + 0.5;
			if (y >= high) {
				break;
			}
			if (y >= low) {
				double x = x0 + (y - y0) * (x1 - x0) / (y1 - y0);
				crossing.at(row, Math.max(left, Math.min(right, x)));
			}
		}
	}

	@FunctionalInterface
	private interface Crossing {

		void at(int row, double x);

	}

}
