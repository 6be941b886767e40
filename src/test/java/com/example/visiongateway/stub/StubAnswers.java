package com.example.visiongateway.stub;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stub model: a deterministic answer for a request, always marked {@code [stub]}.
 * JSON mode with a schema gets a conforming value; detection prompts get one box per
 * image (with a mask when masks are asked for), fenced like the real model does when JSON
 * mode is off; anything else gets a caption.
 */
final class StubAnswers {

	static final String LABEL = "[stub] object";

	private static final int PROMPT_EXCERPT = 40;

	private StubAnswers() {
	}

	static String answer(GenerateRequest request) {
		if (request.jsonMode() && request.schema() != null) {
			return SchemaSampler.sample(request.schema()).toString();
		}
		boolean detection = request.instructions().contains("box_2d");
		if (request.jsonMode()) {
			return detections(request);
		}
		if (detection) {
			return "```json\n" + detections(request) + "\n```";
		}
		String prompt = request.prompt();
		String excerpt = prompt.substring(0,
				prompt.offsetByCodePoints(0, Math.min(PROMPT_EXCERPT, prompt.codePointCount(0, prompt.length()))));
		return "[stub] A caption for " + request.images() + " image(s): " + excerpt;
	}

	/**
	 * One detection per image (at least one, so the answer is never an unmarked empty
	 * list).
	 */
	private static String detections(GenerateRequest request) {
		boolean masks = request.instructions().contains("mask");
		ArrayNode list = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < Math.max(1, request.images()); i++) {
			ObjectNode item = list.addObject();
			item.putArray("box_2d").add(200).add(150).add(800).add(850);
			if (masks) {
				item.put("mask", MaskPng.dataUri());
			}
			item.put("label", LABEL);
		}
		return list.toString();
	}

}
