package com.example.visiongateway.spatial;

import java.util.List;

/**
 * The detections read from one model answer, in pixels of the upright image, and what was
 * repaired or dropped on the way.
 *
 * @param detections the usable items, in the model's order
 * @param warnings one human-readable line per repair or drop; items are named by their
 * 0-based position in the model's array
 */
public record SpatialResult(List<Detection> detections, List<String> warnings) {

	public SpatialResult {
		detections = List.copyOf(detections);
		warnings = List.copyOf(warnings);
	}

}
