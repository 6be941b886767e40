package com.example.visiongateway.spatial;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One detected object as the contract shows it.
 *
 * @param label what the model called it ({@code "object"} when it gave no label)
 * @param box2d the model's box {@code [ymin, xmin, ymax, xmax]}, 0–1000, after clamping and
 * swapping
 * @param bbox the pixel box {@code [x1, y1, x2, y2]}, {@code x2}/{@code y2} exclusive
 * @param area the number of mask pixels; {@code null} without a mask
 * @param mask the mask over the whole image; {@code null} for detection or a dropped mask
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Detection(String label, List<Integer> box2d, List<Integer> bbox, Long area, CocoRle mask) {

	public Detection {
		box2d = List.copyOf(box2d);
		bbox = List.copyOf(bbox);
	}

}
