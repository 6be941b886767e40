package com.example.visiongateway.support;

import java.util.ArrayList;
import java.util.List;

/**
 * pycocotools' {@code rleFrString} and {@code decode}, written independently of the code
 * under test.
 */
public final class CocoRleDecoder {

	private CocoRleDecoder() {
	}

	/** The run lengths a compressed counts string holds. */
	public static List<Long> decodeCounts(String s) {
		List<Long> counts = new ArrayList<>();
		int p = 0;
		while (p < s.length()) {
			long x = 0;
			int k = 0;
			boolean more = true;
			while (more) {
				int c = s.charAt(p) - 48;
				x |= (long) (c & 0x1f) << (5 * k);
				more = (c & 0x20) != 0;
				p++;
				k++;
				if (!more && (c & 0x10) != 0) {
					x |= -1L << (5 * k);
				}
			}
			if (counts.size() > 2) {
				x += counts.get(counts.size() - 2);
			}
			counts.add(x);
		}
		return counts;
	}

	/**
	 * Expands runs column-major into a row-major bitmap; fails unless the runs cover the
	 * image exactly.
	 */
	public static boolean[] decode(String s, int height, int width) {
		boolean[] bits = new boolean[width * height];
		long position = 0;
		boolean value = false;
		for (long count : decodeCounts(s)) {
			for (long i = 0; i < count; i++, position++) {
				if (position >= bits.length) {
					throw new AssertionError("runs go past the image");
				}
				int column = (int) (position / height);
				int row = (int) (position % height);
				bits[row * width + column] = value;
			}
			value = !value;
		}
		if (position != bits.length) {
			throw new AssertionError("runs cover " + position + " of " + bits.length + " pixels");
		}
		return bits;
	}

}
