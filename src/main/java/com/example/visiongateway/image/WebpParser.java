package com.example.visiongateway.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the size from the first chunk of a RIFF WebP (lossy VP8, lossless VP8L or
 * extended VP8X) and, for VP8X files that flag it, the orientation from the EXIF chunk. A
 * RIFF size larger than the file means the file was cut short.
 */
final class WebpParser {

	private static final int MAX_CHUNKS = 1024;

	private static final int MAX_EXIF = 64 * 1024;

	private static final int VP8X_EXIF_FLAG = 0x08;

	private WebpParser() {
	}

	static ImageInfo parse(ImageInput in, PixelLimit limit) throws IOException {
		in.skip(4);
		long riffEnd = in.u32le() + 8;
		if (riffEnd > in.size()) {
			throw ImageProblems.unreadable("The WebP is cut short: its RIFF size exceeds the file.");
		}
		in.skip(4);
		String chunk = fourCc(in);
		long chunkSize = in.u32le();
		if (in.position() + chunkSize > riffEnd) {
			throw ImageProblems.unreadable("A WebP chunk runs past the end of the file.");
		}
		return switch (chunk) {
			case "VP8 " -> lossy(in, chunkSize, limit);
			case "VP8L" -> lossless(in, chunkSize, limit);
			default -> extended(in, chunkSize, riffEnd, limit);
		};
	}

	/**
	 * The key frame header: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit
	 * width and height.
	 */
	private static ImageInfo lossy(ImageInput in, long chunkSize, PixelLimit limit) throws IOException {
		if (chunkSize < 10) {
			throw ImageProblems.unreadable("The WebP frame header is cut short.");
		}
		int frameTag = in.u8();
		in.skip(2);
		if ((frameTag & 0x01) != 0 || in.u8() != 0x9D || in.u8() != 0x01 || in.u8() != 0x2A) {
			throw ImageProblems.unreadable("The WebP lossy frame header is malformed.");
		}
		int width = in.u16le() & 0x3FFF;
		int height = in.u16le() & 0x3FFF;
		limit.check(width, height);
		return new ImageInfo(ImageType.WEBP, width, height, ExifOrientation.DEFAULT);
	}

	/**
	 * A signature byte 0x2F, then width-1 and height-1 in 14 bits each, little-endian bit
	 * order.
	 */
	private static ImageInfo lossless(ImageInput in, long chunkSize, PixelLimit limit) throws IOException {
		if (chunkSize < 5 || in.u8() != 0x2F) {
			throw ImageProblems.unreadable("The WebP lossless header is malformed.");
		}
		long bits = in.u32le();
		if ((bits >>> 29) != 0) {
			throw ImageProblems.unreadable("The WebP lossless header has an unknown version.");
		}
		int width = (int) (bits & 0x3FFF) + 1;
		int height = (int) ((bits >>> 14) & 0x3FFF) + 1;
		limit.check(width, height);
		return new ImageInfo(ImageType.WEBP, width, height, ExifOrientation.DEFAULT);
	}

	/** Flags, three reserved bytes, then canvas width-1 and height-1 in 24 bits each. */
	private static ImageInfo extended(ImageInput in, long chunkSize, long riffEnd, PixelLimit limit)
			throws IOException {
		if (chunkSize < 10) {
			throw ImageProblems.unreadable("The WebP extended header is cut short.");
		}
		int flags = in.u8();
		in.skip(3);
		int width = u24le(in) + 1;
		int height = u24le(in) + 1;
		limit.check(width, height);
		int orientation = ExifOrientation.DEFAULT;
		if ((flags & VP8X_EXIF_FLAG) != 0) {
			in.skip(Math.min(padded(chunkSize), riffEnd - in.position() + 10) - 10);
			orientation = findOrientation(in, riffEnd);
		}
		return new ImageInfo(ImageType.WEBP, width, height, orientation);
	}

	/**
	 * EXIF usually follows the image data, so the chunks before it are skipped, never
	 * read.
	 */
	private static int findOrientation(ImageInput in, long riffEnd) throws IOException {
		for (int chunks = 0; chunks < MAX_CHUNKS && in.position() + 8 <= riffEnd; chunks++) {
			String chunk = fourCc(in);
			long chunkSize = in.u32le();
			if (in.position() + chunkSize > riffEnd) {
				throw ImageProblems.unreadable("A WebP chunk runs past the end of the file.");
			}
			if (chunk.equals("EXIF")) {
				return (chunkSize <= MAX_EXIF) ? ExifOrientation.fromTiff(in.read((int) chunkSize))
						: ExifOrientation.DEFAULT;
			}
			in.skip(Math.min(padded(chunkSize), riffEnd - in.position()));
		}
		return ExifOrientation.DEFAULT;
	}

	/** RIFF chunks are padded to an even size. */
	private static long padded(long chunkSize) {
		return chunkSize + (chunkSize & 1);
	}

	private static int u24le(ImageInput in) throws IOException {
		return in.u8() | (in.u8() << 8) | (in.u8() << 16);
	}

	private static String fourCc(ImageInput in) throws IOException {
		return new String(in.read(4), StandardCharsets.ISO_8859_1);
	}

}
