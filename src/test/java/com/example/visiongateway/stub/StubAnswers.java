package com.example.visiongateway.stub;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stub model: a deterministic answer for a request, always marked {@code [stub]}.
 * Detection prompts get one box per image (with a mask when masks are asked for: a
 * polygon from Gemini 3.x models, a PNG map from older ones), fenced like the real model
 * does when JSON mode is off and wrapped as {@code {"boxes": [...]}} when the schema asks
 * for that; other JSON mode requests with a schema get a conforming value; anything else
 * gets a caption.
 */
final class StubAnswers {

	static final String LABEL = "[stub] object";

	private static final int PROMPT_EXCERPT = 40;

	private StubAnswers() {
	}

	static String answer(GenerateRequest request, String model) {
		boolean detection = request.instructions().contains("box_2d");
		if (detection && request.jsonMode()) {
			boolean wrapped = request.schema() != null && request.schema().path("properties").has("boxes");
			return wrapped ? "{\"boxes\":" + detections(request, model) + "}" : detections(request, model);
		}
		if (request.jsonMode() && request.schema() != null) {
			return SchemaSampler.sample(request.schema()).toString();
		}
		if (request.jsonMode()) {
			return detections(request, model);
		}
		if (detection) {
			return "```json\n" + detections(request, model) + "\n```";
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
	private static String detections(GenerateRequest request, String model) {
		boolean masks = request.instructions().contains("mask");
		boolean inBox = request.instructions().contains("inside the bounding box");
		ArrayNode list = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < Math.max(1, request.images()); i++) {
			ObjectNode item = list.addObject();
			item.putArray("box_2d").add(200).add(150).add(800).add(850);
			if (masks && StubModels.geminiThree(model)) {
				// A diamond touching the middle of each side of the box, in either frame
				item.set("mask", inBox ? polygon(500, 0, 1000, 500, 500, 1000, 0, 500)
						: polygon(500, 200, 850, 500, 500, 800, 150, 500));
			}
			else if (masks) {
				item.put("mask", MaskPng.dataUri());
			}
			item.put("label", LABEL);
		}
		return list.toString();
	}

	/** {@code [[x, y], …]} from x, y pairs. */
	private static ArrayNode polygon(int... xy) {
		ArrayNode points = JsonNodeFactory.instance.arrayNode();
		for (int i = 0; i < xy.length; i += 2) {
			points.addArray().add(xy[i]).add(xy[i + 1]);
		}
		return points;
	}

}
