package com.example.visiongateway.gemini;

/**
 * The Gemini call that failed; {@link #tag()} is a low-cardinality name for logs and
 * metrics.
 */
public enum GeminiOperation {

	GENERATE("generate"), COUNT_TOKENS("count_tokens"), UPLOAD("upload"), GET_FILE("get_file"),
	LIST_FILES("list_files"), DELETE_FILE("delete_file"), LIST_MODELS("list_models");

	private final String tag;

	GeminiOperation(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
