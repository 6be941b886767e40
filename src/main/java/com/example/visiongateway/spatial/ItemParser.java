package com.example.visiongateway.spatial;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads one item of the model's array. Key spellings are compared without case,
 * underscores or hyphens ({@code box_2d}, {@code box2d}, {@code Box_2D} are the same
 * key). Coordinates may be JSON numbers or numeric strings ({@code "290"}). A missing or
 * blank label becomes {@code "object"}, since the box is still useful without one.
 */
final class ItemParser {

	static final String DEFAULT_LABEL = "object";

	/**
	 * Longer coordinates are no honest model output and would make decimal arithmetic
	 * costly.
	 */
	static final int MAX_COORDINATE_CHARS = 64;

	private static final int MAX_COORDINATE_SCALE = 64;

	private ItemParser() {
	}

	/**
	 * Parse one item.
	 * @param index the item's position, kept for warnings
	 * @param node the item
	 * @return the item
	 * @throws BadItemException when the item cannot be used, with the reason
	 */
	static RawItem parse(int index, JsonNode node) {
		if (!node.isObject()) {
			throw new BadItemException("it is not a JSON object");
		}
		JsonNode box = null;
		JsonNode label = null;
		JsonNode mask = null;
		for (Map.Entry<String, JsonNode> property : node.properties()) {
			switch (normalize(property.getKey())) {
				case "box2d" -> box = property.getValue();
				case "label" -> label = property.getValue();
				case "mask" -> mask = property.getValue();
				default -> {
					// Other members (confidence, notes) carry nothing the contract
					// exposes.
				}
			}
		}
		return new RawItem(index, label(label), coordinates(box), mask(mask));
	}

	private static String normalize(String key) {
		return key.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
	}

	private static List<BigDecimal> coordinates(JsonNode box) {
		if (box == null || box.isNull()) {
			throw new BadItemException("it has no box_2d");
		}
		if (!box.isArray() || box.size() != 4) {
			throw new BadItemException("box_2d is not a list of 4 numbers");
		}
		List<BigDecimal> values = new ArrayList<>(4);
		for (int i = 0; i < 4; i++) {
			values.add(coordinate(box.get(i), i));
		}
		return values;
	}

	private static BigDecimal coordinate(JsonNode node, int position) {
		BigDecimal value;
		if (node.isNumber()) {
			value = node.decimalValue();
		}
		else if (node.isString() && node.stringValue().strip().length() <= MAX_COORDINATE_CHARS) {
			value = parseDecimal(node.stringValue().strip(), position);
		}
		else {
			throw new BadItemException("box_2d[" + position + "] is not a number");
		}
		if (Math.abs(value.scale()) > MAX_COORDINATE_SCALE) {
			throw new BadItemException("box_2d[" + position + "] has too large an exponent");
		}
		return value;
	}

	private static BigDecimal parseDecimal(String text, int position) {
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new BadItemException("box_2d[" + position + "] is not a number");
		}
	}

	private static String label(JsonNode label) {
		if (label == null || label.isContainer() || label.isNull()) {
			return DEFAULT_LABEL;
		}
		String text = label.asString().strip();
		return text.isEmpty() ? DEFAULT_LABEL : text;
	}

	private static RawMask mask(JsonNode mask) {
		if (mask == null || mask.isNull()) {
			return null;
		}
		if (mask.isString()) {
			return new RawMask.PngMap(mask.stringValue());
		}
		return PolygonReader.read(mask);
	}

	/** An item that cannot be used; the message says why, for the caller's warnings. */
	static final class BadItemException extends RuntimeException {

		BadItemException(String reason) {
			super(reason, null, false, false);
		}

	}

}
