package com.example.visiongateway.api;

import java.util.Comparator;
import java.util.List;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Whether a caller's Accept header asks for a picture (and which) rather than JSON. */
final class PictureFormats {

	private static final MediaType ANY_IMAGE = new MediaType("image", "*");

	private PictureFormats() {
	}

	/**
	 * "png" or "jpeg" when the most preferred acceptable type is a picture, null for
	 * JSON. A wildcard or a missing header means JSON, so existing callers never get
	 * bytes they did not ask for.
	 */
	static String requested(String accept) {
		if (accept == null || accept.isBlank()) {
			return null;
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return null;
		}
		// A stable sort keeps the caller's order among equal qualities.
		types = types.stream()
			.filter((type) -> type.getQualityValue() > 0)
			.sorted(Comparator.comparingDouble(MediaType::getQualityValue).reversed())
			.toList();
		for (MediaType type : types) {
			if (type.isWildcardType() || type.isCompatibleWith(MediaType.APPLICATION_JSON)
					|| type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
				return null;
			}
			if (type.equalsTypeAndSubtype(MediaType.IMAGE_PNG) || type.equalsTypeAndSubtype(ANY_IMAGE)) {
				return "png";
			}
			if (type.equalsTypeAndSubtype(MediaType.IMAGE_JPEG)) {
				return "jpeg";
			}
		}
		return null;
	}

}
