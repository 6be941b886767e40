package com.example.visiongateway.gemini;

import java.util.Objects;

import com.example.visiongateway.io.ByteSource;

/**
 * One part of the user's turn: exactly one of text, inline image bytes or an uploaded
 * file.
 */
public sealed interface RequestPart {

	record TextPart(String text) implements RequestPart {

		public TextPart {
			Objects.requireNonNull(text, "text");
		}

	}

	/**
	 * Image bytes sent base64-encoded inside the request body, read only while the body
	 * is written.
	 */
	record InlineImagePart(ByteSource bytes, String mimeType) implements RequestPart {

		public InlineImagePart {
			Objects.requireNonNull(bytes, "bytes");
			requireText(mimeType, "mimeType");
		}

	}

	/** An image uploaded with the Files API, referenced by its {@code uri}. */
	record FileImagePart(String fileUri, String mimeType) implements RequestPart {

		public FileImagePart {
			requireText(fileUri, "fileUri");
			requireText(mimeType, "mimeType");
		}

	}

	private static void requireText(String value, String name) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException(name + " must not be blank");
		}
	}

}
