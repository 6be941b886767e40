package com.example.visiongateway.image;

/**
 * Reads the Orientation tag (0x0112) from IFD0 of an EXIF TIFF structure, in either byte
 * order. Anything malformed or out of range means "no orientation", that is 1:
 * orientation is a hint, never a reason to refuse an image.
 */
final class ExifOrientation {

	static final int DEFAULT = 1;

	private static final int ORIENTATION_TAG = 0x0112;

	private static final int SHORT_TYPE = 3;

	private static final byte[] EXIF_HEADER = { 'E', 'x', 'i', 'f', 0, 0 };

	private ExifOrientation() {
	}

	/**
	 * The TIFF header may be preceded by the JPEG-style "Exif\0\0" marker, which some
	 * writers keep.
	 */
	static int fromTiff(byte[] data) {
		int start = startsWith(data, EXIF_HEADER) ? EXIF_HEADER.length : 0;
		if (data.length - start < 8) {
			return DEFAULT;
		}
		boolean little;
		if (data[start] == 'I' && data[start + 1] == 'I') {
			little = true;
		}
		else if (data[start] == 'M' && data[start + 1] == 'M') {
			little = false;
		}
		else {
			return DEFAULT;
		}
		Tiff tiff = new Tiff(data, start, little);
		if (tiff.u16(2) != 42) {
			return DEFAULT;
		}
		long ifd = tiff.u32(4);
		if (ifd < 8 || ifd > tiff.length() - 2) {
			return DEFAULT;
		}
		int entries = tiff.u16((int) ifd);
		int first = (int) ifd + 2;
		int fitting = (tiff.length() - first) / 12;
		for (int i = 0; i < Math.min(entries, fitting); i++) {
			int entry = first + i * 12;
			if (tiff.u16(entry) == ORIENTATION_TAG) {
				if (tiff.u16(entry + 2) != SHORT_TYPE) {
					return DEFAULT;
				}
				int value = tiff.u16(entry + 8);
				return (value >= 1 && value <= 8) ? value : DEFAULT;
			}
		}
		return DEFAULT;
	}

	static boolean startsWith(byte[] data, byte[] prefix) {
		if (data.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (data[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Offsets are relative to the TIFF header; callers keep them inside
	 * {@link #length()}.
	 */
	private record Tiff(byte[] data, int start, boolean little) {

		int length() {
			return this.data.length - this.start;
		}

		int u16(int offset) {
			int a = this.data[this.start + offset] & 0xFF;
			int b = this.data[this.start + offset + 1] & 0xFF;
			return this.little ? (b << 8) | a : (a << 8) | b;
		}

		long u32(int offset) {
			long a = u16(offset);
			long b = u16(offset + 2);
			return this.little ? (b << 16) | a : (a << 16) | b;
		}

	}

}
