package com.example.visiongateway.passthrough;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.transfer.RegisteredFile;

/**
 * The gateway's view of a stored file in the shape of Gemini's File resource. The display
 * name is the caller's, never the tag the gateway stores at Gemini (which names the
 * owner's tenant id).
 */
final class GeminiFileResources {

	private GeminiFileResources() {
	}

	static Map<String, Object> of(RegisteredFile file) {
		Map<String, Object> resource = new LinkedHashMap<>();
		resource.put("name", file.name());
		if (file.displayName() != null) {
			resource.put("displayName", file.displayName());
		}
		resource.put("mimeType", file.mimeType());
		resource.put("sizeBytes", Long.toString(file.sizeBytes()));
		if (file.expiresAt() != null) {
			resource.put("expirationTime", file.expiresAt().toString());
		}
		if (file.sha256() != null) {
			// Gemini's own quirk, kept for clients that compare: base64 of the hex text
			resource.put("sha256Hash",
					Base64.getEncoder().encodeToString(file.sha256().getBytes(StandardCharsets.US_ASCII)));
		}
		resource.put("uri", file.uri());
		resource.put("state", file.state());
		resource.put("source", "UPLOADED");
		return resource;
	}

	static Map<String, Object> page(List<RegisteredFile> files, String nextPageToken) {
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("files", files.stream().map(GeminiFileResources::of).toList());
		if (nextPageToken != null && !nextPageToken.isEmpty()) {
			page.put("nextPageToken", nextPageToken);
		}
		return page;
	}

}
