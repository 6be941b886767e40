package com.example.visiongateway.stub;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the smallest deterministic value that conforms to a response schema: plain JSON
 * Schema ({@code responseJsonSchema}) or Gemini's OpenAPI subset with upper-case types
 * ({@code responseSchema}). Strings are marked {@code [stub]} so a stub answer is never
 * mistaken for a model's.
 */
final class SchemaSampler {

	private static final int MAX_DEPTH = 12;

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private final JsonNode root;

	private SchemaSampler(JsonNode root) {
		this.root = root;
	}

	static JsonNode sample(JsonNode schema) {
		return new SchemaSampler(schema).value(schema, "value", 0);
	}

	private JsonNode value(JsonNode schema, String name, int depth) {
		if (depth > MAX_DEPTH || schema == null || !schema.isObject()) {
			return NODES.nullNode();
		}
		JsonNode ref = schema.get("$ref");
		if (ref != null && ref.isString()) {
			return value(resolve(ref.stringValue()), name, depth + 1);
		}
		JsonNode constant = schema.get("const");
		if (constant != null) {
			return constant;
		}
		JsonNode enumeration = schema.get("enum");
		if (enumeration != null && enumeration.isArray() && !enumeration.isEmpty()) {
			return enumeration.get(0);
		}
		for (String choice : List.of("anyOf", "oneOf", "allOf")) {
			JsonNode options = Wire.field(schema, choice);
			if (options.isArray() && !options.isEmpty()) {
				return value(options.get(0), name, depth + 1);
			}
		}
		return switch (type(schema)) {
			case "object" -> object(schema, depth);
			case "array" -> array(schema, name, depth);
			case "integer" -> NODES.numberNode((long) Math.ceil(minimum(schema)));
			case "number" -> NODES.numberNode(minimum(schema));
			case "boolean" -> NODES.booleanNode(false);
			case "null" -> NODES.nullNode();
			default -> NODES.stringNode(string(schema, name));
		};
	}

	/** The declared type in lower case; a nullable union picks its non-null member. */
	private static String type(JsonNode schema) {
		JsonNode type = schema.get("type");
		if (type != null && type.isArray()) {
			for (JsonNode member : type) {
				if (member.isString() && !member.stringValue().equalsIgnoreCase("null")) {
					return member.stringValue().toLowerCase(Locale.ROOT);
				}
			}
			return "null";
		}
		if (type != null && type.isString()) {
			return type.stringValue().toLowerCase(Locale.ROOT);
		}
		if (schema.has("properties")) {
			return "object";
		}
		return schema.has("items") ? "array" : "string";
	}

	private JsonNode object(JsonNode schema, int depth) {
		ObjectNode object = NODES.objectNode();
		JsonNode properties = schema.path("properties");
		for (String property : propertyOrder(schema, properties)) {
			object.set(property, value(properties.get(property), property, depth + 1));
		}
		return object;
	}

	/**
	 * Gemini's {@code propertyOrdering} first, then the remaining properties as declared.
	 */
	private static List<String> propertyOrder(JsonNode schema, JsonNode properties) {
		List<String> order = new ArrayList<>();
		for (JsonNode name : Wire.field(schema, "propertyOrdering")) {
			if (name.isString() && properties.has(name.stringValue())) {
				order.add(name.stringValue());
			}
		}
		for (String name : properties.propertyNames()) {
			if (!order.contains(name)) {
				order.add(name);
			}
		}
		return order;
	}

	private JsonNode array(JsonNode schema, String name, int depth) {
		ArrayNode array = NODES.arrayNode();
		int count = Math.max(1, Wire.field(schema, "minItems").asInt(1));
		for (int i = 0; i < count; i++) {
			array.add(value(schema.get("items"), name, depth + 1));
		}
		return array;
	}

	private static double minimum(JsonNode schema) {
		JsonNode minimum = schema.get("minimum");
		if (minimum != null && minimum.isNumber() && minimum.doubleValue() > 0) {
			return minimum.doubleValue();
		}
		JsonNode exclusive = schema.get("exclusiveMinimum");
		if (exclusive != null && exclusive.isNumber() && exclusive.doubleValue() >= 0) {
			return exclusive.doubleValue() + 1;
		}
		return 0;
	}

	private static String string(JsonNode schema, String name) {
		String format = String.valueOf(Wire.text(schema, "format"));
		if (format.equals("date-time")) {
			return "2025-01-01T00:00:00Z";
		}
		if (format.equals("date")) {
			return "2025-01-01";
		}
		return "[stub] " + name;
	}

	/**
	 * Resolves local references such as {@code #/$defs/Item} or
	 * {@code #/definitions/Item}.
	 */
	private JsonNode resolve(String ref) {
		if (!ref.startsWith("#")) {
			return null;
		}
		JsonNode target = this.root;
		for (String step : ref.substring(1).split("/")) {
			if (!step.isEmpty()) {
				target = target.path(step.replace("~1", "/").replace("~0", "~"));
			}
		}
		return target.isMissingNode() ? null : target;
	}

}
