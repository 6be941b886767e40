package com.example.visiongateway.multipart;

import java.util.Arrays;

/**
 * Finds a multipart delimiter ({@code CRLF--boundary}) in a buffer. Horspool's skip table
 * looks at about one byte in every delimiter length of ordinary data, several times
 * faster than a byte-by-byte scan. Data that keeps almost matching (a caller can choose
 * both the boundary and the bytes) would make it slow, so after a few failed comparisons
 * per window the rest of the window is searched with Knuth-Morris-Pratt, which reads
 * every byte once.
 */
final class DelimiterSearch {

	/**
	 * Failed full comparisons allowed per this many bytes of a window before switching to
	 * the linear search.
	 */
	private static final int BYTES_PER_FAILED_COMPARISON = 64;

	private final byte[] pattern;

	private final int[] skip = new int[256];

	/**
	 * Knuth-Morris-Pratt: the longest proper prefix of pattern[0..i] that is also its
	 * suffix.
	 */
	private final int[] prefix;

	DelimiterSearch(byte[] pattern) {
		if (pattern.length < 2) {
			throw new IllegalArgumentException("A delimiter has at least two bytes");
		}
		this.pattern = pattern.clone();
		int last = pattern.length - 1;
		Arrays.fill(this.skip, pattern.length);
		for (int i = 0; i < last; i++) {
			this.skip[pattern[i] & 0xff] = last - i;
		}
		this.prefix = new int[pattern.length];
		for (int i = 1, k = 0; i < pattern.length; i++) {
			while (k > 0 && pattern[i] != pattern[k]) {
				k = this.prefix[k - 1];
			}
			if (pattern[i] == pattern[k]) {
				k++;
			}
			this.prefix[i] = k;
		}
	}

	int length() {
		return this.pattern.length;
	}

	/**
	 * The index of the first delimiter lying wholly within {@code buffer[from, to)}, or
	 * -1.
	 */
	int find(byte[] buffer, int from, int to) {
		int last = this.pattern.length - 1;
		byte lastByte = this.pattern[last];
		int failuresLeft = 4 + (to - from) / BYTES_PER_FAILED_COMPARISON;
		for (int i = from; i + last < to; i += this.skip[buffer[i + last] & 0xff]) {
			if (buffer[i + last] == lastByte) {
				if (Arrays.equals(buffer, i, i + last, this.pattern, 0, last)) {
					return i;
				}
				if (--failuresLeft < 0) {
					return findLinear(buffer, i, to);
				}
			}
		}
		return -1;
	}

	private int findLinear(byte[] buffer, int from, int to) {
		int matched = 0;
		for (int i = from; i < to; i++) {
			while (matched > 0 && buffer[i] != this.pattern[matched]) {
				matched = this.prefix[matched - 1];
			}
			if (buffer[i] == this.pattern[matched]) {
				matched++;
			}
			if (matched == this.pattern.length) {
				return i - matched + 1;
			}
		}
		return -1;
	}

}
