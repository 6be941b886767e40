package com.example.visiongateway.gemini;

/**
 * An uploaded file did not become usable: Gemini marked it FAILED, or it stayed
 * PROCESSING too long.
 */
public class GeminiFileException extends GeminiException {

	private final String fileName;

	public GeminiFileException(GeminiOperation operation, String fileName, String message) {
		super(operation, message, null);
		this.fileName = fileName;
	}

	/** The file's resource name, {@code files/<id>}. */
	public String fileName() {
		return this.fileName;
	}

}
