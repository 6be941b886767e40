package com.example.visiongateway.stub;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * Reads Gemini request JSON the way Google's servers do: every field may be spelled in
 * camelCase or snake_case, and Google's own SDKs send a mix of both.
 */
final class Wire {

	private Wire() {
	}

	/** The field under its camelCase name or its snake_case twin, or a missing node. */
	static JsonNode field(JsonNode node, String camelName) {
		if (node == null || !node.isObject()) {
			return MissingNode.getInstance();
		}
		JsonNode camel = node.get(camelName);
		if (camel != null && !camel.isNull()) {
			return camel;
		}
		JsonNode snake = node.get(snakeCase(camelName));
		return (snake != null && !snake.isNull()) ? snake : MissingNode.getInstance();
	}

	static boolean has(JsonNode node, String camelName) {
		return !field(node, camelName).isMissingNode();
	}

	/** The field's string value, or {@code null} when it is absent or not a string. */
	static String text(JsonNode node, String camelName) {
		JsonNode value = field(node, camelName);
		return value.isString() ? value.stringValue() : null;
	}

	static String snakeCase(String camelName) {
		StringBuilder snake = new StringBuilder(camelName.length() + 4);
		for (char c : camelName.toCharArray()) {
			if (Character.isUpperCase(c)) {
				snake.append('_').append(Character.toLowerCase(c));
			}
			else {
				snake.append(c);
			}
		}
		return snake.toString();
	}

}
