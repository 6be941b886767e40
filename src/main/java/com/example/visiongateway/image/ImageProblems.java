package com.example.visiongateway.image;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

/** The contract problems image inspection raises, with the members clients rely on. */
final class ImageProblems {

	private ImageProblems() {
	}

	static VisionException unreadable(String detail) {
		return new VisionException(ErrorCode.UNREADABLE_IMAGE, detail);
	}

	static VisionException unsupported(String detectedMimeType) {
		return new VisionException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
				"The image is " + detectedMimeType + "; allowed types are " + allowed() + ".",
				Map.of("detectedMimeType", detectedMimeType, "allowedMimeTypes", ImageType.allowedMimeTypes()));
	}

	static VisionException declaredMismatch(String detectedMimeType, String declaredMimeType) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("detectedMimeType", detectedMimeType);
		properties.put("declaredMimeType", declaredMimeType);
		properties.put("allowedMimeTypes", ImageType.allowedMimeTypes());
		return new VisionException(
				ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The image was declared as " + declaredMimeType
						+ " but its bytes are " + detectedMimeType + "; allowed types are " + allowed() + ".",
				properties);
	}

	static VisionException tooLarge(long limit, long actual) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("limit", limit);
		properties.put("actual", actual);
		return new VisionException(ErrorCode.IMAGE_TOO_LARGE,
				"The image has " + actual + " pixels; the limit is " + limit + ".", properties);
	}

	private static String allowed() {
		return String.join(", ", ImageType.allowedMimeTypes());
	}

}
