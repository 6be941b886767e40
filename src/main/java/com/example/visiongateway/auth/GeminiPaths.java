package com.example.visiongateway.auth;

/**
 * The Gemini-native pass-through's paths as the auth filter needs to know them: where
 * Google's SDKs' key locations count, and which path is an upload session.
 */
final class GeminiPaths {

	/** Where Google's SDKs send an API key. */
	static final String API_KEY_HEADER = "x-goog-api-key";

	/** The query parameter naming a resumable upload session. */
	static final String UPLOAD_ID = "upload_id";

	private static final String PREFIX = "/gemini/";

	private GeminiPaths() {
	}

	static boolean isGemini(String path) {
		return path.startsWith(PREFIX);
	}

	/**
	 * A resumable upload's path: {@code /gemini/upload/{version}/files}, or
	 * {@code /upload/{version}/files} where the session URLs point.
	 */
	static boolean isUploadSession(String path) {
		return path.matches("(/gemini)?/upload/v1(beta)?/files");
	}

}
