package com.example.visiongateway.image;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the IHDR chunk for the size, walks the chunks before the first IDAT for an eXIf
 * orientation, then checks that the last twelve bytes are the IEND chunk.
 */
final class PngParser {

	private static final int MAX_CHUNKS = 1024;

	/**
	 * Orientation needs only IFD0; a larger eXIf chunk is skipped rather than buffered.
	 */
	private static final int MAX_EXIF = 64 * 1024;

	private static final long IHDR = fourCc("IHDR");

	private static final long IDAT = fourCc("IDAT");

	private static final long IEND = fourCc("IEND");

	private static final long EXIF = fourCc("eXIf");

	private static final byte[] IEND_CHUNK = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82 };

	private PngParser() {
	}

	static ImageInfo parse(ImageInput in, PixelLimit limit) throws IOException {
		in.skip(8);
		long ihdrLength = in.u32be();
		if (in.u32be() != IHDR || ihdrLength != 13) {
			throw ImageProblems.unreadable("The PNG does not start with a valid IHDR chunk.");
		}
		long width = in.u32be();
		long height = in.u32be();
		limit.check(width, height);
		in.skip(5 + 4);
		int orientation = readOrientation(in);
		checkEnd(in);
		return new ImageInfo(ImageType.PNG, (int) width, (int) height, orientation);
	}

	/** eXIf must precede the image data, so the walk stops at the first IDAT. */
	private static int readOrientation(ImageInput in) throws IOException {
		int orientation = ExifOrientation.DEFAULT;
		for (int chunks = 0; chunks < MAX_CHUNKS; chunks++) {
			long length = in.u32be();
			long type = in.u32be();
			if (length > Integer.MAX_VALUE || length + 4 > in.remaining()) {
				throw ImageProblems.unreadable("A PNG chunk runs past the end of the file.");
			}
			if (type == IDAT) {
				return orientation;
			}
			if (type == IEND) {
				throw ImageProblems.unreadable("The PNG has no image data.");
			}
			if (type == EXIF && length <= MAX_EXIF) {
				orientation = ExifOrientation.fromTiff(in.read((int) length));
				in.skip(4);
			}
			else {
				in.skip(length + 4);
			}
		}
		return orientation;
	}

	private static void checkEnd(ImageInput in) throws IOException {
		if (in.remaining() < IEND_CHUNK.length) {
			throw ImageProblems.unreadable("The PNG is cut short: it has no IEND chunk.");
		}
		in.skipTo(in.size() - IEND_CHUNK.length);
		if (!Arrays.equals(in.read(IEND_CHUNK.length), IEND_CHUNK)) {
			throw ImageProblems.unreadable("The PNG is cut short: it has no IEND chunk.");
		}
	}

	private static long fourCc(String code) {
		return ((long) code.charAt(0) << 24) | (code.charAt(1) << 16) | (code.charAt(2) << 8) | code.charAt(3);
	}

}
