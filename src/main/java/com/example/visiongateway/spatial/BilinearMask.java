package com.example.visiongateway.spatial;

import java.util.Arrays;

/**
 * A mask's probability map resized to its box with PIL's
 * {@code Image.resize(size, BILINEAR)}, reproduced bit for bit, and thresholded: a pixel
 * is set when its resized 8-bit value is above the threshold. Matching PIL exactly means
 * a mask is the one Google's Python examples would draw.
 * <p>
 * As in PIL: sampling is pixel-centre aligned (output pixel {@code i} of {@code n} is
 * centred on source coordinate {@code (i + 0.5) * m / n}); the triangle filter has
 * support 1 when upscaling and is widened by the scale when downscaling, so downscaling
 * averages; weights are normalized, which repeats edge pixels; they are rounded to 22-bit
 * fixed point; the horizontal pass runs first and its result is rounded to 8 bits before
 * the vertical pass. A pass is skipped when its size does not change.
 */
final class BilinearMask implements BoxMask {

	private static final int PRECISION_BITS = 32 - 8 - 2;

	private static final int HALF = 1 << (PRECISION_BITS - 1);

	private final int width;

	private final int height;

	/**
	 * A resized value is above the threshold exactly when its fixed-point sum reaches
	 * this.
	 */
	private final int limit;

	/**
	 * Largest horizontal pass kept whole, in bytes; a wider box (a 600000-pixel-wide box
	 * of a 4096-row mask would be 2.4 GB) computes each column when it is read.
	 */
	static final long MAX_PRECOMPUTED = 16L * 1024 * 1024;

	/**
	 * The source after the horizontal pass, stored column by column ({@code sourceHeight}
	 * values per output column) so the vertical pass reads memory in order: every column,
	 * or when that is too large, only the last one read.
	 */
	private final byte[] columns;

	private final boolean precomputed;

	private final MaskRaster source;

	/** The horizontal pass's taps, null when its size does not change. */
	private final Taps horizontal;

	private final int sourceHeight;

	private final Taps vertical;

	private int loaded = -1;

	BilinearMask(MaskRaster source, int width, int height, int threshold) {
		this(source, width, height, threshold, MAX_PRECOMPUTED);
	}

	/**
	 * @param maxPrecomputed the largest horizontal pass kept whole, in bytes (tests
	 * compare both ways of computing it)
	 */
	BilinearMask(MaskRaster source, int width, int height, int threshold, long maxPrecomputed) {
		this.width = width;
		this.height = height;
		this.limit = (threshold + 1) << PRECISION_BITS;
		this.source = source;
		this.sourceHeight = source.height();
		this.horizontal = (width != source.width()) ? new Taps(source.width(), width) : null;
		this.precomputed = (long) width * source.height() <= maxPrecomputed;
		// One byte of padding: a single tap still reads a second value, with weight 0.
		this.columns = new byte[(this.precomputed ? width : 1) * source.height() + 1];
		if (this.precomputed) {
			for (int x = 0; x < width; x++) {
				resizeColumn(x, x * this.sourceHeight);
			}
		}
		this.vertical = new Taps(source.height(), height);
	}

	/**
	 * What decoding a {@code sourceWidth} x {@code sourceHeight} mask and resizing it to
	 * a box costs, as one number that bounds both time and memory: reading the mask, the
	 * horizontal pass (one value per box column and mask row), the vertical pass (one per
	 * box pixel), and the taps (up to 28 bytes per box column and row, 8 per mask column
	 * and row). Long arithmetic throughout: a box can be 100 million pixels wide.
	 */
	static long work(int sourceWidth, int sourceHeight, int width, int height) {
		long boxWidth = width;
		long boxHeight = height;
		return (long) sourceWidth * sourceHeight + boxWidth * (sourceHeight + boxHeight) + 28 * (boxWidth + boxHeight)
				+ 8L * (sourceWidth + sourceHeight);
	}

	/** Where column {@code x} starts in {@link #columns}, computing it if needed. */
	private int load(int x) {
		if (this.precomputed) {
			return x * this.sourceHeight;
		}
		if (this.loaded != x) {
			resizeColumn(x, 0);
			this.loaded = x;
		}
		return 0;
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
		int base = load(x);
		byte[] columns = this.columns;
		int[] first = this.vertical.first;
		int limit = this.limit;
		if (this.vertical.size == 3) {
			// Upscaling (or equal size): at most two taps, the common case.
			int[] near = this.vertical.near;
			int[] far = this.vertical.far;
			Segments segments = this.vertical.segments;
			for (int s = 0; s < segments.count; s++) {
				int start = segments.start[s];
				int end = segments.start[s + 1];
				int from = base + first[start];
				int a = columns[from] & 0xFF;
				int b = columns[from + 1] & 0xFF;
				// Masks are mostly flat: where both taps read the same value the rows of
				// a segment differ only by
				// the rounding of their weights, so the bounds decide the whole run at
				// once, exactly.
				if (a == b || segments.farZero[s]) {
					if (HALF + a * segments.minWeight[s] >= limit) {
						Arrays.fill(out, start, end, true);
						continue;
					}
					if (HALF + a * segments.maxWeight[s] < limit) {
						Arrays.fill(out, start, end, false);
						continue;
					}
				}
				else if ((long) Math.abs(b - a) * segments.minFarStep[s] > 2 * 255) {
					// Between two different values the sum moves strictly one way (the
					// weights' rounding cannot undo a
					// step this large), so the set pixels are a prefix or a suffix: find
					// the boundary by bisection.
					split(out, start, end, a, b, limit);
					continue;
				}
				for (int y = start; y < end; y++) {
					int sum = HALF + a * near[y] + b * far[y];
					// clip8(sum) > threshold, without clipping: sums are never negative.
					out[y] = sum >= limit;
				}
			}
			return;
		}
		for (int y = 0; y < this.height; y++) {
			out[y] = sum(columns, base, y) >= limit;
		}
	}

	/**
	 * Fills a strictly monotone segment: the first row at or over the limit splits it.
	 */
	private void split(boolean[] out, int start, int end, int a, int b, int limit) {
		int[] near = this.vertical.near;
		int[] far = this.vertical.far;
		boolean rising = b > a;
		int low = start;
		int high = end;
		while (low < high) {
			int mid = (low + high) >>> 1;
			boolean set = HALF + a * near[mid] + b * far[mid] >= limit;
			// Rising: find the first set row. Falling: find the first unset row.
			if (set == rising) {
				high = mid;
			}
			else {
				low = mid + 1;
			}
		}
		Arrays.fill(out, start, low, !rising);
		Arrays.fill(out, low, end, rising);
	}

	private int sum(byte[] columns, int base, int y) {
		int from = base + this.vertical.first[y];
		int w = y * this.vertical.size;
		int sum = HALF;
		for (int k = 0; k < this.vertical.count[y]; k++) {
			sum += (columns[from + k] & 0xFF) * this.vertical.weights[w + k];
		}
		return sum;
	}

	/** The resized 8-bit value at one pixel. */
	int value(int x, int y) {
		return clip8(sum(this.columns, load(x), y));
	}

	/**
	 * The horizontal pass for output column {@code x}: one value per source row, written
	 * from {@code offset}.
	 */
	private void resizeColumn(int x, int offset) {
		int sourceWidth = this.source.width();
		byte[] values = this.source.values();
		Taps taps = this.horizontal;
		for (int y = 0; y < this.sourceHeight; y++) {
			int row = y * sourceWidth;
			if (taps == null) {
				// PIL skips a pass whose size does not change.
				this.columns[offset + y] = values[row + x];
				continue;
			}
			int from = row + taps.first[x];
			int w = x * taps.size;
			int sum = HALF;
			for (int k = 0; k < taps.count[x]; k++) {
				sum += (values[from + k] & 0xFF) * taps.weights[w + k];
			}
			this.columns[offset + y] = (byte) clip8(sum);
		}
	}

	private static int clip8(int sum) {
		if (sum >= (1 << PRECISION_BITS << 8)) {
			return 255;
		}
		return (sum <= 0) ? 0 : sum >> PRECISION_BITS;
	}

	/**
	 * Output positions grouped by the source pair they read, with the bounds of their
	 * summed weights ({@code near + far}, which rounding leaves within one of 2^22).
	 */
	private static final class Segments {

		final int count;

		/** Start of each segment, and the end of the last one. */
		final int[] start;

		final int[] minWeight;

		final int[] maxWeight;

		/** The segment never reads its second tap, so only the first value matters. */
		final boolean[] farZero;

		/**
		 * The smallest growth of the second tap's weight from one row to the next
		 * (MAX_VALUE for a single row).
		 */
		final int[] minFarStep;

		Segments(int[] first, int[] near, int[] far) {
			int n = first.length;
			int[] starts = new int[n + 1];
			int count = 0;
			for (int i = 0; i < n; i++) {
				if (i == 0 || first[i] != first[i - 1]) {
					starts[count++] = i;
				}
			}
			starts[count] = n;
			this.count = count;
			this.start = Arrays.copyOf(starts, count + 1);
			this.minWeight = new int[count];
			this.maxWeight = new int[count];
			this.farZero = new boolean[count];
			this.minFarStep = new int[count];
			for (int s = 0; s < count; s++) {
				int min = Integer.MAX_VALUE;
				int max = Integer.MIN_VALUE;
				int step = Integer.MAX_VALUE;
				boolean zero = true;
				for (int i = this.start[s]; i < this.start[s + 1]; i++) {
					min = Math.min(min, near[i] + far[i]);
					max = Math.max(max, near[i] + far[i]);
					zero &= far[i] == 0;
					if (i > this.start[s]) {
						step = Math.min(step, far[i] - far[i - 1]);
					}
				}
				this.minWeight[s] = min;
				this.maxWeight[s] = max;
				this.farZero[s] = zero;
				// A non-positive step means the sum need not be monotone: such a segment
				// is never bisected.
				this.minFarStep[s] = Math.max(step, 0);
			}
		}

	}

	/**
	 * PIL's {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} for the bilinear
	 * filter.
	 */
	private static final class Taps {

		final int size;

		final int[] first;

		final int[] count;

		final int[] weights;

		/**
		 * With support 1 (size 3): the weights of the first and second tap, 0 when there
		 * is none.
		 */
		final int[] near;

		final int[] far;

		/**
		 * With support 1: runs of output positions that read the same two source values.
		 */
		final Segments segments;

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
					this.weights[i * this.size
							+ x] = (int) ((w < 0) ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
				}
				this.first[i] = min;
				this.count[i] = max;
			}
			this.near = new int[outSize];
			this.far = new int[outSize];
			if (this.size == 3) {
				twoTaps(outSize);
			}
			this.segments = (this.size == 3) ? new Segments(this.first, this.near, this.far) : null;
		}

		/**
		 * With support 1 there are at most two taps (the window spans two pixel centres).
		 */
		private void twoTaps(int outSize) {
			for (int i = 0; i < outSize; i++) {
				this.near[i] = this.weights[i * this.size];
				this.far[i] = (this.count[i] >= 2) ? this.weights[i * this.size + 1] : 0;
			}
		}

		private static double triangle(double x) {
			double distance = Math.abs(x);
			return (distance < 1.0) ? 1.0 - distance : 0.0;
		}

	}

}
