package com.example.visiongateway.image;

import java.io.IOException;

/**
 * Walks JPEG marker segments by their lengths up to the first scan, taking the size from
 * the SOFn segment and the orientation from an APP1 Exif segment, then checks that the
 * file ends with EOI. Only the Exif and SOF payloads are read; every other segment is
 * skipped.
 */
final class JpegParser {

	private static final int MAX_SEGMENTS = 1024;

	/**
	 * A cut file ends inside entropy-coded data; some writers pad after EOI with zeros,
	 * which is harmless.
	 */
	private static final int TAIL_WINDOW = 1024;

	private static final int APP1 = 0xE1;

	private static final int SOS = 0xDA;

	private static final int EOI = 0xD9;

	private static final byte[] EXIF = { 'E', 'x', 'i', 'f', 0, 0 };

	private JpegParser() {
	}

	static ImageInfo parse(ImageInput in, PixelLimit limit) throws IOException {
		in.skip(2);
		int orientation = ExifOrientation.DEFAULT;
		boolean exifSeen = false;
		int width = 0;
		int height = 0;
		for (int segments = 0;; segments++) {
			if (segments >= MAX_SEGMENTS) {
				throw ImageProblems.unreadable("The JPEG has too many segments before its image data.");
			}
			int marker = nextMarker(in);
			if (marker == SOS) {
				break;
			}
			if (marker == EOI || marker == 0xD8) {
				throw ImageProblems.unreadable("The JPEG ends before its image data.");
			}
			if (isStandalone(marker)) {
				continue;
			}
			int length = in.u16be();
			if (length < 2 || length - 2 > in.remaining()) {
				throw ImageProblems.unreadable("A JPEG segment runs past the end of the file.");
			}
			int payload = length - 2;
			if (isStartOfFrame(marker)) {
				if (width != 0 || payload < 6) {
					throw ImageProblems.unreadable("The JPEG frame header is malformed.");
				}
				in.skip(1);
				height = in.u16be();
				width = in.u16be();
				limit.check(width, height);
				in.skip(payload - 5);
			}
			else if (marker == APP1 && !exifSeen && payload >= EXIF.length) {
				// APP1 also carries XMP, often in many large segments: only the Exif one
				// is read
				boolean exif = ExifOrientation.startsWith(in.read(EXIF.length), EXIF);
				if (exif) {
					exifSeen = true;
					orientation = ExifOrientation.fromTiff(in.read(payload - EXIF.length));
				}
				else {
					in.skip(payload - EXIF.length);
				}
			}
			else {
				in.skip(payload);
			}
		}
		if (width == 0) {
			throw ImageProblems.unreadable("The JPEG has no frame header, so no dimensions.");
		}
		checkEndOfImage(in);
		return new ImageInfo(ImageType.JPEG, width, height, orientation);
	}

	/**
	 * Fill bytes (0xFF runs) may precede a marker; anything else between segments is
	 * corrupt.
	 */
	private static int nextMarker(ImageInput in) throws IOException {
		if (in.u8() != 0xFF) {
			throw ImageProblems.unreadable("The JPEG segment structure is corrupt.");
		}
		int marker = in.u8();
		for (int fill = 0; marker == 0xFF; fill++) {
			if (fill >= MAX_SEGMENTS) {
				throw ImageProblems.unreadable("The JPEG segment structure is corrupt.");
			}
			marker = in.u8();
		}
		if (marker == 0) {
			throw ImageProblems.unreadable("The JPEG segment structure is corrupt.");
		}
		return marker;
	}

	private static boolean isStandalone(int marker) {
		return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
	}

	/** SOF0 to SOF15, except DHT (C4), JPG (C8) and DAC (CC) which share the range. */
	private static boolean isStartOfFrame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
	}

	private static void checkEndOfImage(ImageInput in) throws IOException {
		int window = (int) Math.min(in.remaining(), TAIL_WINDOW);
		if (window < 2) {
			throw ImageProblems.unreadable("The JPEG is cut short: it has no end-of-image marker.");
		}
		in.skipTo(in.size() - window);
		byte[] tail = in.read(window);
		int end = tail.length;
		while (end > 2 && tail[end - 1] == 0) {
			end--;
		}
		if ((tail[end - 2] & 0xFF) != 0xFF || (tail[end - 1] & 0xFF) != EOI) {
			throw ImageProblems.unreadable("The JPEG is cut short: it has no end-of-image marker.");
		}
	}

}
