package com.example.visiongateway.gemini;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One single-turn Gemini request. Absent (null or empty) members are left out of the
 * body.
 *
 * @param parts the user turn, in order (for one image with text, the image first)
 * @param systemInstruction the system instruction text, or {@code null}
 * @param generationConfig Gemini's {@code generationConfig} in camelCase, or {@code null}
 * @param safetySettings Gemini's {@code safetySettings} ({@code category},
 * {@code threshold}), or {@code null}
 */
public record GenerateContentRequest(List<RequestPart> parts, String systemInstruction,
		Map<String, Object> generationConfig, List<Map<String, String>> safetySettings) {

	public GenerateContentRequest {
		if (parts == null || parts.isEmpty()) {
			throw new IllegalArgumentException("A Gemini request needs at least one part");
		}
		parts = List.copyOf(parts);
		generationConfig = (generationConfig != null)
				? Collections.unmodifiableMap(new LinkedHashMap<>(generationConfig)) : Map.of();
		safetySettings = (safetySettings != null) ? List.copyOf(safetySettings) : List.of();
	}

	public static GenerateContentRequest of(RequestPart... parts) {
		return new GenerateContentRequest(List.of(parts), null, null, null);
	}

	/** The same parts alone, as {@code countTokens} takes them. */
	GenerateContentRequest contentsOnly() {
		return new GenerateContentRequest(this.parts, null, null, null);
	}

}
