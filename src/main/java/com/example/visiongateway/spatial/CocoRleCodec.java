package com.example.visiongateway.spatial;

import java.util.Arrays;
import java.util.List;

/**
 * Writes and reads COCO compressed RLE. A box-sized mask is placed at its box and encoded
 * over the whole image.
 * <p>
 * Runs are column-major and start with a run of zeros. Columns left and right of the box,
 * and the rows above and below it in each box column, are zeros that merge arithmetically
 * into the current run, so encoding costs O(box area), never O(image area). The counts
 * string is written exactly as pycocotools' {@code rleToString}: each count (from the
 * fourth on, minus the count two before it) in 5-bit groups, low first, with 0x20 marking
 * "more follows", plus 48.
 */
final class CocoRleCodec {

	private CocoRleCodec() {
	}

	static EncodedMask encode(int imageWidth, int imageHeight, PixelBox box, BoxMask mask) {
		Runs runs = new Runs();
		runs.zeros((long) box.x1() * imageHeight);
		int height = box.height();
		boolean[] column = new boolean[height];
		// Runs are found with Arrays.mismatch against constant columns, which the JIT
		// vectorizes.
		boolean[] unset = new boolean[height];
		boolean[] set = new boolean[height];
		Arrays.fill(set, true);
		long below = imageHeight - box.y2();
		for (int x = 0; x < box.width(); x++) {
			runs.zeros(box.y1());
			mask.column(x, column);
			for (int y = 0; y < height;) {
				boolean bit = column[y];
				int length = Arrays.mismatch(column, y, height, bit ? set : unset, y, height);
				length = (length < 0) ? height - y : length;
				runs.add(bit, length);
				y += length;
			}
			runs.zeros(below);
		}
		runs.zeros((long) (imageWidth - box.x2()) * imageHeight);
		long[] counts = runs.finish();
		return new EncodedMask(new CocoRle(List.of(imageHeight, imageWidth), countsString(counts)), runs.ones);
	}

	static String countsString(long[] counts) {
		StringBuilder text = new StringBuilder(counts.length * 2);
		for (int i = 0; i < counts.length; i++) {
			long x = counts[i];
			if (i > 2) {
				x -= counts[i - 2];
			}
			boolean more = true;
			while (more) {
				int c = (int) (x & 0x1f);
				x >>= 5;
				more = ((c & 0x10) != 0) ? x != -1 : x != 0;
				if (more) {
					c |= 0x20;
				}
				text.append((char) (c + 48));
			}
		}
		return text.toString();
	}

	/**
	 * Reads a counts string back into run lengths, as pycocotools' {@code rleFrString}
	 * does.
	 * @param text the counts string
	 * @return the run lengths, zeros first
	 * @throws IllegalArgumentException when the string is not a counts string
	 */
	static long[] counts(String text) {
		long[] counts = new long[text.length()];
		int size = 0;
		int p = 0;
		while (p < text.length()) {
			long x = 0;
			int k = 0;
			boolean more = true;
			while (more) {
				if (p == text.length() || k > 12) {
					throw new IllegalArgumentException("Not a COCO counts string");
				}
				int c = text.charAt(p++) - 48;
				x |= (long) (c & 0x1f) << (5 * k);
				more = (c & 0x20) != 0;
				k++;
				if (!more && (c & 0x10) != 0) {
					x |= -1L << (5 * k);
				}
			}
			if (size > 2) {
				x += counts[size - 2];
			}
			counts[size++] = x;
		}
		return Arrays.copyOf(counts, size);
	}

	/**
	 * An encoded mask.
	 *
	 * @param rle the mask over the whole image
	 * @param area its number of set pixels
	 */
	record EncodedMask(CocoRle rle, long area) {
	}

	/** Alternating run lengths, zeros first, merged as pixels arrive. */
	private static final class Runs {

		private long[] counts = new long[64];

		private int size;

		private boolean current;

		private long length;

		private long ones;

		void zeros(long count) {
			if (count > 0) {
				add(false, count);
			}
		}

		void add(boolean bit, long count) {
			if (bit != this.current) {
				push();
				this.current = bit;
			}
			this.length += count;
			if (bit) {
				this.ones += count;
			}
		}

		private void push() {
			if (this.size == this.counts.length) {
				this.counts = Arrays.copyOf(this.counts, this.size * 2);
			}
			this.counts[this.size++] = this.length;
			this.length = 0;
		}

		long[] finish() {
			push();
			return Arrays.copyOf(this.counts, this.size);
		}

	}

}
