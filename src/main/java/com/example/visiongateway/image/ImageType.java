package com.example.visiongateway.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The image types Gemini accepts, and so the only ones the gateway lets through. */
public enum ImageType {

	PNG("image/png"), JPEG("image/jpeg"), WEBP("image/webp"), HEIC("image/heic"), HEIF("image/heif");

	private static final List<String> MIME_TYPES = Arrays.stream(values()).map(ImageType::mimeType).toList();

	private final String mimeType;

	ImageType(String mimeType) {
		this.mimeType = mimeType;
	}

	public String mimeType() {
		return this.mimeType;
	}

	/**
	 * Whether the JVM can decode it (for drawing and downscaling); HEIC/HEIF it cannot.
	 */
	public boolean decodable() {
		return this != HEIC && this != HEIF;
	}

	public static List<String> allowedMimeTypes() {
		return MIME_TYPES;
	}

	/**
	 * Maps a declared Content-Type (parameters and case ignored; image/jpg accepted) to a
	 * type.
	 */
	public static Optional<ImageType> fromMimeType(String contentType) {
		if (contentType == null) {
			return Optional.empty();
		}
		String bare = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (bare.equals("image/jpg") || bare.equals("image/pjpeg")) {
			return Optional.of(JPEG);
		}
		return Arrays.stream(values()).filter((type) -> type.mimeType.equals(bare)).findFirst();
	}

}
