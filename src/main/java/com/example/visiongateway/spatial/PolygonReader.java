package com.example.visiongateway.spatial;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Reads a polygon mask in the shapes models write it: one ring of {@code [x, y]} points
 * (the current guide's {@code [[x, y], …]}), a list of such rings, a flat
 * {@code [x0, y0, x1, y1, …]} list, or any of these wrapped in an object
 * ({@code {"points": …}}). Coordinates may be numbers or numeric strings; points outside
 * [0, 1000] are clamped onto the frame and counted. Work is bounded by
 * {@value #MAX_POINTS} points per mask.
 */
final class PolygonReader {

	static final int MAX_POINTS = 10_000;

	private static final double MIN = 0;

	private static final double MAX = 1000;

	private PolygonReader() {
	}

	static RawMask read(JsonNode mask) {
		JsonNode list = unwrap(mask);
		if (list == null || list.isEmpty()) {
			return new RawMask.Unreadable("neither a PNG nor a polygon");
		}
		List<JsonNode> rings = new ArrayList<>();
		if (isPoint(list.get(0)) || list.get(0).isNumber() || list.get(0).isString()) {
			rings.add(list);
		}
		else {
			list.forEach(rings::add);
		}
		Reading reading = new Reading();
		for (JsonNode ring : rings) {
			if (!reading.ring(ring)) {
				return new RawMask.Unreadable(reading.failure);
			}
		}
		if (reading.rings.isEmpty()) {
			return new RawMask.Unreadable("its polygon has fewer than three points");
		}
		return new RawMask.Polygons(reading.rings, reading.clamped, reading.dropped);
	}

	private static JsonNode unwrap(JsonNode mask) {
		if (mask.isArray()) {
			return mask;
		}
		if (mask.isObject()) {
			for (Map.Entry<String, JsonNode> member : mask.properties()) {
				if (member.getValue().isArray()) {
					return member.getValue();
				}
			}
		}
		return null;
	}

	private static boolean isPoint(JsonNode node) {
		return node.isArray() && node.size() == 2 && !node.get(0).isContainer() && !node.get(1).isContainer();
	}

	/** The rings read so far, and why reading stopped if it did. */
	private static final class Reading {

		private final List<double[]> rings = new ArrayList<>();

		private int points;

		private int clamped;

		private int dropped;

		private String failure;

		boolean ring(JsonNode ring) {
			if (!ring.isArray()) {
				return fail("a polygon is not a list of points");
			}
			boolean flat = !ring.isEmpty() && !ring.get(0).isContainer();
			int count = flat ? ring.size() / 2 : ring.size();
			if (flat && ring.size() % 2 != 0) {
				return fail("a flat polygon has an odd number of coordinates");
			}
			this.points += count;
			if (this.points > MAX_POINTS) {
				return fail("its polygons have more than " + MAX_POINTS + " points");
			}
			double[] xy = new double[count * 2];
			for (int i = 0; i < count; i++) {
				JsonNode x = flat ? ring.get(2 * i) : pointPart(ring.get(i), 0);
				JsonNode y = flat ? ring.get(2 * i + 1) : pointPart(ring.get(i), 1);
				if (x == null || y == null) {
					return fail("point " + i + " is not an [x, y] pair");
				}
				double px = coordinate(x);
				double py = coordinate(y);
				if (Double.isNaN(px) || Double.isNaN(py)) {
					return fail("point " + i + " has a coordinate that is not a number");
				}
				xy[2 * i] = clamp(px);
				xy[2 * i + 1] = clamp(py);
				if (xy[2 * i] != px || xy[2 * i + 1] != py) {
					this.clamped++;
				}
			}
			if (count < 3) {
				this.dropped++;
			}
			else {
				this.rings.add(xy);
			}
			return true;
		}

		private static double clamp(double value) {
			return Math.max(MIN, Math.min(MAX, value));
		}

		private boolean fail(String reason) {
			this.failure = reason;
			return false;
		}

		private static JsonNode pointPart(JsonNode point, int index) {
			return isPoint(point) ? point.get(index) : null;
		}

		private static double coordinate(JsonNode node) {
			if (node.isNumber()) {
				double value = node.doubleValue();
				return Double.isFinite(value) ? value : Double.NaN;
			}
			if (node.isString() && node.stringValue().strip().length() <= ItemParser.MAX_COORDINATE_CHARS) {
				try {
					double value = Double.parseDouble(node.stringValue().strip());
					return Double.isFinite(value) ? value : Double.NaN;
				}
				catch (NumberFormatException ex) {
					return Double.NaN;
				}
			}
			return Double.NaN;
		}

	}

}
