package com.example.visiongateway.spatial;

/**
 * A box mask held as bits, row by row, each row starting on a fresh 64-bit word so rows
 * can be compared a word at a time. One bit per pixel: a box of the largest allowed image
 * costs an eighth of its pixel count in bytes.
 */
final class BoxBits {

	private final int width;

	private final int height;

	private final int stride;

	private final long[] words;

	private final long area;

	private BoxBits(int width, int height, long[] words, long area) {
		this.width = width;
		this.height = height;
		this.stride = stride(width);
		this.words = words;
		this.area = area;
	}

	/** Reads every column of the mask once. */
	static BoxBits of(BoxMask mask) {
		int width = mask.width();
		int height = mask.height();
		int stride = stride(width);
		long[] words = new long[Math.multiplyExact(stride, height)];
		boolean[] column = new boolean[height];
		long area = 0;
		for (int x = 0; x < width; x++) {
			mask.column(x, column);
			int word = x >>> 6;
			long bit = 1L << x;
			for (int y = 0; y < height; y++) {
				if (column[y]) {
					words[y * stride + word] |= bit;
					area++;
				}
			}
		}
		return new BoxBits(width, height, words, area);
	}

	private static int stride(int width) {
		return (width + 63) >>> 6;
	}

	int width() {
		return this.width;
	}

	int height() {
		return this.height;
	}

	/** The number of set pixels. */
	long area() {
		return this.area;
	}

	/** Whether a pixel is set; {@code false} outside the box. */
	boolean get(int x, int y) {
		if (x < 0 || y < 0 || x >= this.width || y >= this.height) {
			return false;
		}
		return (this.words[y * this.stride + (x >>> 6)] & (1L << x)) != 0;
	}

	/** Words per row. */
	int stride() {
		return this.stride;
	}

	/**
	 * Word {@code index} of row {@code y}; bit {@code i} is pixel {@code 64 * index + i}.
	 */
	long word(int y, int index) {
		return this.words[y * this.stride + index];
	}

}
