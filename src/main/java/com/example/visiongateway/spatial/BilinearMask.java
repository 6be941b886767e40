package com.example.visiongateway.spatial;

/**
 * A mask's probability map resized to its box with PIL's {@code Image.resize(size, BILINEAR)},
 * reproduced bit for bit, and thresholded: a pixel is set when its resized 8-bit value is above
 * the threshold. Matching PIL exactly means a mask is the one Google's Python examples would draw.
 * <p>
 * As in PIL: sampling is pixel-centre aligned (output pixel {@code i} of {@code n} is centred on
 * source coordinate {@code (i + 0.5) * m / n}); the triangle filter has support 1 when upscaling
 * and is widened by the scale when downscaling, so downscaling averages; weights are normalized,
 * which repeats edge pixels; they are rounded to 22-bit fixed point; the horizontal pass runs first
 * and its result is rounded to 8 bits before the vertical pass. A pass is skipped when its size
 * does not change.
 */
final class BilinearMask {

	private static final int PRECISION_BITS = 32 - 8 - 2;

	private static final int HALF = 1 << (PRECISION_BITS - 1);

	private final int width;

	private final int height;

	private final int threshold;

	/** The source rows after the horizontal pass: source height rows of {@code width} values. */
	private final byte[] rows;

	/** {@code null} when the height does not change. */
	private final Taps vertical;

	BilinearMask(MaskRaster source, int width, int height, int threshold) {
		this.width = width;
		this.height = height;
		this.threshold = threshold;
		this.rows = (width == source.width()) ? source.values() : resizeRows(source, width);
		this.vertical = (height == source.height()) ? null : new Taps(source.height(), height);
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
		for (int y = 0; y < this.height; y++) {
			out[y] = value(x, y) > this.threshold;
		}
	}

	/** The resized 8-bit value at one pixel. */
	int value(int x, int y) {
		if (this.vertical == null) {
			return this.rows[y * this.width + x] & 0xFF;
		}
		int first = this.vertical.first[y];
		int count = this.vertical.count[y];
		int weights = y * this.vertical.size;
		int sum = HALF;
		for (int k = 0; k < count; k++) {
			sum += (this.rows[(first + k) * this.width + x] & 0xFF) * this.vertical.weights[weights + k];
		}
		return clip8(sum);
	}

	private static byte[] resizeRows(MaskRaster source, int width) {
		Taps taps = new Taps(source.width(), width);
		byte[] values = source.values();
		byte[] rows = new byte[source.height() * width];
		for (int y = 0; y < source.height(); y++) {
			int row = y * source.width();
			for (int x = 0; x < width; x++) {
				int first = taps.first[x];
				int weights = x * taps.size;
				int sum = HALF;
				for (int k = 0; k < taps.count[x]; k++) {
					sum += (values[row + first + k] & 0xFF) * taps.weights[weights + k];
				}
				rows[y * width + x] = (byte) clip8(sum);
			}
		}
		return rows;
	}

	private static int clip8(int sum) {
		if (sum >= (1 << PRECISION_BITS << 8)) {
			return 255;
		}
		return (sum <= 0) ? 0 : sum >> PRECISION_BITS;
	}

	/** PIL's {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} for the bilinear filter. */
	private static final class Taps {

		final int size;

		final int[] first;

		final int[] count;

		final int[] weights;

		Taps(int inSize, int outSize) {
			double scale = (double) inSize / outSize;
			double filterScale = Math.max(scale, 1.0);
			double support = filterScale;
			this.size = (int) Math.ceil(support) * 2 + 1;
			this.first = new int[outSize];
			this.count = new int[outSize];
			this.weights = new int[outSize * this.size];
			double[] k = new double[this.size];
			for (int i = 0; i < outSize; i++) {
				double center = (i + 0.5) * scale;
				double ss = 1.0 / filterScale;
				// Casts truncate toward zero, as C's do.
				int min = Math.max((int) (center - support + 0.5), 0);
				int max = Math.min((int) (center + support + 0.5), inSize) - min;
				double total = 0.0;
				for (int x = 0; x < max; x++) {
					k[x] = triangle((x + min - center + 0.5) * ss);
					total += k[x];
				}
				for (int x = 0; x < max; x++) {
					double w = (total != 0.0) ? k[x] / total : k[x];
					this.weights[i * this.size + x] = (int) ((w < 0) ? -0.5 + w * (1 << PRECISION_BITS)
							: 0.5 + w * (1 << PRECISION_BITS));
				}
				this.first[i] = min;
				this.count[i] = max;
			}
		}

		private static double triangle(double x) {
			double distance = Math.abs(x);
			return (distance < 1.0) ? 1.0 - distance : 0.0;
		}

	}

}
