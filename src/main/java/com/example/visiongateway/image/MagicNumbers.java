package com.example.visiongateway.image;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Decides the type from the first bytes only. Supported types yield an {@link ImageType};
 * a few common unsupported ones are named so the 415 problem can tell the caller what was
 * sent.
 */
final class MagicNumbers {

	static final String OCTET_STREAM = "application/octet-stream";

	/** Enough for any signature and for an ftyp box with dozens of compatible brands. */
	static final int HEAD_LENGTH = 512;

	private static final Set<String> HEIC_BRANDS = Set.of("heic", "heix", "heim", "heis", "hevc", "hevx", "hevm",
			"hevs");

	private static final Set<String> HEIF_BRANDS = Set.of("mif1", "msf1");

	private static final Set<String> AVIF_BRANDS = Set.of("avif", "avis");

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private MagicNumbers() {
	}

	/**
	 * @param head the first bytes of the image, at most {@link #HEAD_LENGTH}
	 * @param length how many of them are valid
	 */
	static Detected detect(byte[] head, int length) {
		if (matches(head, length, 0, PNG)) {
			return Detected.of(ImageType.PNG);
		}
		if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
			return Detected.of(ImageType.JPEG);
		}
		if (ascii(head, length, 0, "RIFF") && ascii(head, length, 8, "WEBP")) {
			return (ascii(head, length, 12, "VP8 ") || ascii(head, length, 12, "VP8L")
					|| ascii(head, length, 12, "VP8X")) ? Detected.of(ImageType.WEBP)
							: Detected.unsupported(OCTET_STREAM);
		}
		if (ascii(head, length, 4, "ftyp")) {
			return fromBrands(head, length);
		}
		return Detected.unsupported(otherMimeType(head, length));
	}

	/**
	 * Major brand first, then the compatible ones; the box may be cut by the head window.
	 */
	private static Detected fromBrands(byte[] head, int length) {
		long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFF) << 16) | ((head[2] & 0xFF) << 8)
				| (head[3] & 0xFF);
		// a size of 0 means "up to the end of the file"
		int end = (int) Math.min((boxSize == 0) ? length : boxSize, length);
		if (end < 12) {
			return Detected.unsupported(OCTET_STREAM);
		}
		boolean heic = false;
		boolean heif = false;
		boolean avif = false;
		for (int offset = 8; offset + 4 <= end; offset += 4) {
			if (offset == 12) {
				// minor_version, not a brand
				continue;
			}
			String brand = new String(head, offset, 4, StandardCharsets.ISO_8859_1);
			if (offset == 8 && HEIC_BRANDS.contains(brand)) {
				return Detected.of(ImageType.HEIC);
			}
			if (offset == 8 && AVIF_BRANDS.contains(brand)) {
				return Detected.unsupported("image/avif");
			}
			heic |= HEIC_BRANDS.contains(brand);
			heif |= HEIF_BRANDS.contains(brand);
			avif |= AVIF_BRANDS.contains(brand);
		}
		if (heic) {
			return Detected.of(ImageType.HEIC);
		}
		if (avif) {
			return Detected.unsupported("image/avif");
		}
		return heif ? Detected.of(ImageType.HEIF) : Detected.unsupported(OCTET_STREAM);
	}

	private static String otherMimeType(byte[] head, int length) {
		if (ascii(head, length, 0, "GIF87a") || ascii(head, length, 0, "GIF89a")) {
			return "image/gif";
		}
		if (ascii(head, length, 0, "BM") && length >= 14) {
			return "image/bmp";
		}
		if (matches(head, length, 0, new byte[] { 'I', 'I', 42, 0 })
				|| matches(head, length, 0, new byte[] { 'M', 'M', 0, 42 })) {
			return "image/tiff";
		}
		if (ascii(head, length, 0, "%PDF-")) {
			return "application/pdf";
		}
		return OCTET_STREAM;
	}

	private static boolean ascii(byte[] head, int length, int offset, String text) {
		return matches(head, length, offset, text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private static boolean matches(byte[] head, int length, int offset, byte[] expected) {
		if (offset + expected.length > length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (head[offset + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * What the bytes are.
	 *
	 * @param type the supported type, or {@code null} when the bytes are something else
	 * @param mimeType the MIME type of what was detected
	 */
	record Detected(ImageType type, String mimeType) {

		static Detected of(ImageType type) {
			return new Detected(type, type.mimeType());
		}

		static Detected unsupported(String mimeType) {
			return new Detected(null, mimeType);
		}

		boolean supported() {
			return this.type != null;
		}

	}

}
