package com.example.visiongateway.stub;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * A validated generateContent (or countTokens) request, reduced to what the stub's
 * answers depend on.
 *
 * @param images image parts, inline or by file
 * @param prompt the user's text parts, joined
 * @param textChars characters of every text part, system instruction included (for token
 * counts)
 * @param instructions all text, lower case, searched for what the caller asks (boxes,
 * masks)
 * @param responseMimeType {@code generationConfig.responseMimeType} or {@code null}
 * @param schema {@code responseJsonSchema} or {@code responseSchema}, or {@code null}
 * @param thinkingLevel {@code thinkingConfig.thinkingLevel} as sent, or {@code null}
 * @param mediaResolution {@code generationConfig.mediaResolution} as sent, or
 * {@code null}
 */
record GenerateRequest(int images, String prompt, int textChars, String instructions, String responseMimeType,
		JsonNode schema, String thinkingLevel, String mediaResolution) {

	/** The part fields that carry data; a part holds exactly one of them. */
	private static final List<String> DATA_FIELDS = List.of("text", "inlineData", "fileData", "functionCall",
			"functionResponse", "executableCode", "codeExecutionResult");

	/** Gemini's {@code MediaResolution} enum. */
	private static final List<String> MEDIA_RESOLUTIONS = List.of("MEDIA_RESOLUTION_UNSPECIFIED",
			"MEDIA_RESOLUTION_LOW", "MEDIA_RESOLUTION_MEDIUM", "MEDIA_RESOLUTION_HIGH", "MEDIA_RESOLUTION_ULTRA_HIGH");

	/** Gemini's {@code ThinkingLevel} enum, as the samples write it. */
	private static final List<String> THINKING_LEVELS = List.of("minimal", "low", "medium", "high");

	boolean jsonMode() {
		return this.responseMimeType != null
				&& this.responseMimeType.toLowerCase(Locale.ROOT).startsWith("application/json");
	}

	static GenerateRequest parse(JsonNode body, FileStore files) {
		if (body == null || !body.isObject()) {
			throw GoogleError.invalidArgument("Invalid JSON payload received. Expected an object.");
		}
		Reader reader = new Reader(files);
		JsonNode contents = Wire.field(body, "contents");
		if (!contents.isArray() || contents.isEmpty()) {
			throw GoogleError.invalidArgument("* GenerateContentRequest.contents: contents is not specified");
		}
		for (int i = 0; i < contents.size(); i++) {
			reader.content(contents.get(i), "contents[" + i + "]", true);
		}
		JsonNode system = Wire.field(body, "systemInstruction");
		if (!system.isMissingNode()) {
			reader.content(system, "system_instruction", false);
		}
		JsonNode config = Wire.field(body, "generationConfig");
		String mediaResolution = Wire.text(config, "mediaResolution");
		if (mediaResolution != null && !MEDIA_RESOLUTIONS.contains(mediaResolution)) {
			throw GoogleError.invalidArgument("Invalid value at 'generation_config.media_resolution' "
					+ "(type.googleapis.com/google.ai.generativelanguage.v1beta.GenerationConfig.MediaResolution), \""
					+ mediaResolution + "\"");
		}
		String mimeType = Wire.text(config, "responseMimeType");
		JsonNode jsonSchema = Wire.field(config, "responseJsonSchema");
		JsonNode openApiSchema = Wire.field(config, "responseSchema");
		if (!jsonSchema.isMissingNode() && !openApiSchema.isMissingNode()) {
			throw GoogleError.invalidArgument("* GenerateContentRequest.generation_config:"
					+ " response_schema and response_json_schema cannot both be set.");
		}
		JsonNode schema = jsonSchema.isMissingNode() ? openApiSchema : jsonSchema;
		JsonNode thinking = Wire.field(config, "thinkingConfig");
		String thinkingLevel = Wire.text(thinking, "thinkingLevel");
		if (thinkingLevel != null && Wire.has(thinking, "thinkingBudget")) {
			throw GoogleError.invalidArgument("* GenerateContentRequest.generation_config.thinking_config: "
					+ "thinking_budget and thinking_level cannot both be set.");
		}
		if (thinkingLevel != null && !THINKING_LEVELS.contains(thinkingLevel.toLowerCase(Locale.ROOT))) {
			throw GoogleError.invalidArgument(
					"Invalid value at 'generation_config.thinking_config.thinking_level', \"" + thinkingLevel + "\"");
		}
		return new GenerateRequest(reader.images, String.join("\n", reader.prompt), reader.textChars,
				String.join("\n", reader.allText).toLowerCase(Locale.ROOT), mimeType,
				schema.isMissingNode() ? null : schema,
				(thinkingLevel != null) ? thinkingLevel.toLowerCase(Locale.ROOT) : null, mediaResolution);
	}

	/** Walks contents and parts, validating as it counts. */
	private static final class Reader {

		private final FileStore files;

		private final List<String> prompt = new ArrayList<>();

		private final List<String> allText = new ArrayList<>();

		private int images;

		private int textChars;

		Reader(FileStore files) {
			this.files = files;
		}

		void content(JsonNode content, String where, boolean userTurn) {
			if (!content.isObject()) {
				throw GoogleError.invalidArgument("Invalid value at '" + where + "': expected a Content object.");
			}
			String role = Wire.text(content, "role");
			if (userTurn && role != null && !role.equals("user") && !role.equals("model")) {
				throw GoogleError.invalidArgument("Please use a valid role: user, model.");
			}
			JsonNode parts = Wire.field(content, "parts");
			if (!parts.isArray() || parts.isEmpty()) {
				throw GoogleError
					.invalidArgument("* GenerateContentRequest." + where + ".parts: contents.parts must not be empty.");
			}
			for (int i = 0; i < parts.size(); i++) {
				part(parts.get(i), where + ".parts[" + i + "]", userTurn);
			}
		}

		private void part(JsonNode part, String where, boolean userTurn) {
			List<String> present = DATA_FIELDS.stream().filter((field) -> Wire.has(part, field)).toList();
			if (present.isEmpty()) {
				throw GoogleError.invalidArgument("* GenerateContentRequest." + where
						+ ".data: required oneof field 'data' must have one initialized field");
			}
			if (present.size() > 1) {
				throw GoogleError.invalidArgument("Invalid JSON payload received. Oneof field 'data' is already set."
						+ " Cannot set '" + present.get(1) + "' at '" + where + "'");
			}
			switch (present.get(0)) {
				case "text" -> text(Wire.field(part, "text"), where, userTurn);
				case "inlineData" -> inlineData(Wire.field(part, "inlineData"), where);
				case "fileData" -> fileData(Wire.field(part, "fileData"), where);
				default -> {
					// function and code parts carry no prompt text or images
				}
			}
		}

		private void text(JsonNode text, String where, boolean userTurn) {
			if (!text.isString()) {
				throw GoogleError.invalidArgument("Invalid value at '" + where + ".text' (TYPE_STRING)");
			}
			String value = text.stringValue();
			this.textChars += value.length();
			this.allText.add(value);
			if (userTurn) {
				this.prompt.add(value);
			}
		}

		private void inlineData(JsonNode blob, String where) {
			String mimeType = Wire.text(blob, "mimeType");
			if (mimeType == null || mimeType.isBlank()) {
				throw GoogleError.invalidArgument(
						"* GenerateContentRequest." + where + ".inline_data.mime_type: mime_type is not specified");
			}
			String data = Wire.text(blob, "data");
			if (data == null || data.isEmpty()) {
				throw GoogleError
					.invalidArgument("* GenerateContentRequest." + where + ".inline_data.data: data is not specified");
			}
			try {
				Base64.getDecoder().decode(data);
			}
			catch (IllegalArgumentException ex) {
				throw GoogleError.invalidArgument(
						"Invalid value at '" + where + ".inline_data.data' (TYPE_BYTES), Base64 decoding failed for \""
								+ data.substring(0, Math.min(data.length(), 40)) + "\"");
			}
			countImage(mimeType);
		}

		private void fileData(JsonNode fileData, String where) {
			String uri = Wire.text(fileData, "fileUri");
			if (uri == null || uri.isBlank()) {
				throw GoogleError.invalidArgument(
						"* GenerateContentRequest." + where + ".file_data.file_uri: file_uri is not specified");
			}
			StoredFile file = this.files.usable(lastSegment(uri));
			String mimeType = Wire.text(fileData, "mimeType");
			countImage((mimeType != null) ? mimeType : file.mimeType());
		}

		private void countImage(String mimeType) {
			if (mimeType.toLowerCase(Locale.ROOT).startsWith("image/")) {
				this.images++;
			}
		}

		private static String lastSegment(String uri) {
			int query = uri.indexOf('?');
			String path = (query >= 0) ? uri.substring(0, query) : uri;
			return path.substring(path.lastIndexOf('/') + 1);
		}

	}

}
