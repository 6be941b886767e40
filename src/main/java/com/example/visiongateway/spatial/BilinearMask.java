package com.example.visiongateway.spatial;

/**
 * A mask's probability map resized to its box with bilinear interpolation and thresholded.
 * <p>
 * Sampling is pixel-centre aligned, with edge pixels repeated, as PIL's {@code BILINEAR} does
 * when upscaling: output pixel {@code i} of {@code n} samples the source at
 * {@code (i + 0.5) * m / n - 0.5}. Downscaling uses the same two-tap rule (no area averaging).
 * Everything is integer arithmetic over the common denominator {@code 2n}, so "above the
 * threshold" is decided exactly, with no rounding at the boundary.
 */
final class BilinearMask {

	private final MaskRaster source;

	private final int width;

	private final int height;

	private final Axis columns;

	private final Axis rows;

	/** A pixel is set when its interpolated numerator exceeds this (threshold times both denominators). */
	private final long limit;

	BilinearMask(MaskRaster source, int width, int height, int threshold) {
		this.source = source;
		this.width = width;
		this.height = height;
		this.columns = new Axis(source.width(), width);
		this.rows = new Axis(source.height(), height);
		this.limit = (long) threshold * this.columns.denominator * this.rows.denominator;
	}

	int width() {
		return this.width;
	}

	int height() {
		return this.height;
	}

	/**
	 * Compute one column of the resized, thresholded mask.
	 * @param x the column, 0 to width - 1
	 * @param out receives {@code height} values, top to bottom
	 */
	void column(int x, boolean[] out) {
		byte[] values = this.source.values();
		int stride = this.source.width();
		int left = this.columns.low[x];
		int right = this.columns.high[x];
		long rightWeight = this.columns.fraction[x];
		long leftWeight = this.columns.denominator - rightWeight;
		long rowDenominator = this.rows.denominator;
		for (int y = 0; y < this.height; y++) {
			int top = this.rows.low[y] * stride;
			int bottom = this.rows.high[y] * stride;
			long upper = (values[top + left] & 0xFF) * leftWeight + (values[top + right] & 0xFF) * rightWeight;
			long lower = (values[bottom + left] & 0xFF) * leftWeight + (values[bottom + right] & 0xFF) * rightWeight;
			long bottomWeight = this.rows.fraction[y];
			out[y] = upper * (rowDenominator - bottomWeight) + lower * bottomWeight > this.limit;
		}
	}

	/**
	 * For each output index along one axis, the two source indices and the weight of the second,
	 * as a numerator over {@code denominator}.
	 */
	private static final class Axis {

		final int[] low;

		final int[] high;

		final long[] fraction;

		final long denominator;

		Axis(int sourceSize, int targetSize) {
			this.low = new int[targetSize];
			this.high = new int[targetSize];
			this.fraction = new long[targetSize];
			this.denominator = 2L * targetSize;
			for (int i = 0; i < targetSize; i++) {
				// 2n times the source coordinate (i + 0.5) * m / n - 0.5
				long position = (2L * i + 1) * sourceSize - targetSize;
				int index = (position <= 0) ? 0 : (int) (position / this.denominator);
				if (position <= 0 || index >= sourceSize - 1) {
					this.low[i] = Math.min(index, sourceSize - 1);
					this.high[i] = this.low[i];
				}
				else {
					this.low[i] = index;
					this.high[i] = index + 1;
					this.fraction[i] = position % this.denominator;
				}
			}
		}

	}

}
