package com.example.visiongateway.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import com.example.visiongateway.io.ByteSource;

/**
 * Decides an image's type from its magic numbers and reads its size and orientation from
 * the header, without decoding pixels. Only the header and the tail are read (the tail to
 * notice a file cut short), so the cost does not grow with the image. Every outcome is
 * either an {@link ImageInfo} or a
 * {@link com.example.visiongateway.error.VisionException} with the contract's code:
 * UNSUPPORTED_MEDIA_TYPE, UNREADABLE_IMAGE or IMAGE_TOO_LARGE.
 */
public final class ImageInspector {

	private static final int BUFFER_SIZE = 16 * 1024;

	/**
	 * Declared types are echoed in problems, so an absurd one is cut to a readable
	 * length.
	 */
	private static final int MAX_DECLARED_LENGTH = 100;

	private final PixelLimit limit;

	public ImageInspector(long maxPixels) {
		if (maxPixels <= 0) {
			throw new IllegalArgumentException("maxPixels must be positive");
		}
		this.limit = new PixelLimit(maxPixels);
	}

	public ImageInfo inspect(ByteSource bytes, String declaredContentType) {
		long size = bytes.size();
		if (size <= 0) {
			throw ImageProblems.unreadable("The image is empty.");
		}
		try (InputStream stream = new BufferedInputStream(bytes.openStream(), BUFFER_SIZE)) {
			MagicNumbers.Detected detected = detect(stream);
			if (!detected.supported()) {
				throw ImageProblems.unsupported(detected.mimeType());
			}
			checkDeclared(detected.type(), declaredContentType);
			ImageInput in = new ImageInput(stream, size);
			return switch (detected.type()) {
				case PNG -> PngParser.parse(in, this.limit);
				case JPEG -> JpegParser.parse(in, this.limit);
				case WEBP -> WebpParser.parse(in, this.limit);
				case HEIC, HEIF -> HeifParser.parse(in, detected.type(), this.limit);
			};
		}
		catch (IOException ex) {
			throw ImageProblems.unreadable("The image could not be read completely.");
		}
	}

	/**
	 * Peeks at the head and rewinds, so each parser reads the file from its first byte.
	 */
	private static MagicNumbers.Detected detect(InputStream stream) throws IOException {
		stream.mark(MagicNumbers.HEAD_LENGTH);
		byte[] head = stream.readNBytes(MagicNumbers.HEAD_LENGTH);
		stream.reset();
		if (head.length == 0) {
			throw ImageProblems.unreadable("The image is empty.");
		}
		return MagicNumbers.detect(head, head.length);
	}

	/** HEIC is a HEIF brand, so either may be declared for the other. */
	private static void checkDeclared(ImageType detected, String declaredContentType) {
		if (declaredContentType == null || declaredContentType.isBlank()) {
			return;
		}
		String bare = declaredContentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (bare.equals(MagicNumbers.OCTET_STREAM)) {
			return;
		}
		ImageType declared = ImageType.fromMimeType(bare).orElse(null);
		if (declared == detected || (isHeifFamily(declared) && isHeifFamily(detected))) {
			return;
		}
		throw ImageProblems.declaredMismatch(detected.mimeType(), printable(declaredContentType.trim()));
	}

	private static boolean isHeifFamily(ImageType type) {
		return type == ImageType.HEIC || type == ImageType.HEIF;
	}

	private static String printable(String value) {
		String shortened = (value.length() > MAX_DECLARED_LENGTH) ? value.substring(0, MAX_DECLARED_LENGTH) : value;
		return shortened.replaceAll("\\p{Cntrl}", "?");
	}

}
