package com.example.visiongateway.stub;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds GenerateContentResponse and countTokens bodies the way Gemini shapes them. */
final class GenerateResponses {

	static final int TOKENS_PER_IMAGE = 258;

	static final int STREAM_CHUNKS = 3;

	private GenerateResponses() {
	}

	/**
	 * Token counts of a prompt: per image 258 (Gemini 2.x) or the media resolution's
	 * price (Gemini 3.x: 1,120 unless the request names a level), plus a quarter token
	 * per text character.
	 */
	record PromptTokens(int image, int text) {

		static PromptTokens of(GenerateRequest request, String model) {
			int perImage = StubModels.geminiThree(model) ? mediaResolutionTokens(request.mediaResolution())
					: TOKENS_PER_IMAGE;
			return new PromptTokens(perImage * request.images(), quarter(request.textChars()));
		}

		private static int mediaResolutionTokens(String level) {
			if (level == null) {
				return 1120;
			}
			return switch (level) {
				case "MEDIA_RESOLUTION_LOW" -> 280;
				case "MEDIA_RESOLUTION_MEDIUM" -> 560;
				case "MEDIA_RESOLUTION_ULTRA_HIGH" -> 2240;
				default -> 1120;
			};
		}

		int total() {
			return this.image + this.text;
		}

		ArrayNode details() {
			ArrayNode details = JsonNodeFactory.instance.arrayNode();
			if (this.text > 0) {
				details.addObject().put("modality", "TEXT").put("tokenCount", this.text);
			}
			if (this.image > 0) {
				details.addObject().put("modality", "IMAGE").put("tokenCount", this.image);
			}
			return details;
		}

	}

	static ObjectNode countTokens(PromptTokens prompt) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		body.put("totalTokens", prompt.total());
		ArrayNode details = prompt.details();
		if (!details.isEmpty()) {
			body.set("promptTokensDetails", details);
		}
		return body;
	}

	static ObjectNode complete(String text, PromptTokens prompt, String model, String responseId) {
		ObjectNode body = chunk(text, model, responseId);
		finish(body, text, prompt);
		return body;
	}

	/**
	 * The answer as 2 or 3 stream chunks, each with only its new text; the last one
	 * finishes.
	 */
	static List<ObjectNode> stream(String text, PromptTokens prompt, String model, String responseId) {
		List<String> pieces = split(text);
		List<ObjectNode> chunks = new ArrayList<>();
		for (String piece : pieces) {
			chunks.add(chunk(piece, model, responseId));
		}
		finish(chunks.get(chunks.size() - 1), text, prompt);
		return chunks;
	}

	private static ObjectNode chunk(String text, String model, String responseId) {
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ObjectNode candidate = body.putArray("candidates").addObject();
		ObjectNode content = candidate.putObject("content");
		content.putArray("parts").addObject().put("text", text);
		content.put("role", "model");
		candidate.put("index", 0);
		body.put("modelVersion", model);
		body.put("responseId", responseId);
		return body;
	}

	private static void finish(ObjectNode body, String text, PromptTokens prompt) {
		((ObjectNode) body.get("candidates").get(0)).put("finishReason", "STOP");
		int candidates = quarter(text.length());
		// Gemini leaves zero counts out (thoughtsTokenCount here, as thinking is not
		// simulated).
		ObjectNode usage = JsonNodeFactory.instance.objectNode();
		if (prompt.total() > 0) {
			usage.put("promptTokenCount", prompt.total());
		}
		if (candidates > 0) {
			usage.put("candidatesTokenCount", candidates);
		}
		usage.put("totalTokenCount", prompt.total() + candidates);
		ArrayNode details = prompt.details();
		if (!details.isEmpty()) {
			usage.set("promptTokensDetails", details);
		}
		body.set("usageMetadata", usage);
	}

	/**
	 * Splits on code point boundaries into three pieces, or two when the text is too
	 * short for three.
	 */
	private static List<String> split(String text) {
		int codePoints = text.codePointCount(0, text.length());
		int count = (codePoints >= STREAM_CHUNKS) ? STREAM_CHUNKS : 2;
		List<String> pieces = new ArrayList<>();
		int start = 0;
		for (int i = 1; i <= count; i++) {
			int end = (i == count) ? text.length() : text.offsetByCodePoints(0, codePoints * i / count);
			pieces.add(text.substring(start, end));
			start = end;
		}
		return pieces;
	}

	private static int quarter(int chars) {
		return (chars + 3) / 4;
	}

}
