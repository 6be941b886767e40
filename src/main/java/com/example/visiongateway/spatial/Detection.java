package com.example.visiongateway.spatial;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One detected object as the contract shows it.
 *
 * @param label what the model called it ({@code "object"} when it gave no label)
 * @param box2d the model's box {@code [ymin, xmin, ymax, xmax]}, 0–1000, after clamping
 * and swapping
 * @param bbox the pixel box {@code [x1, y1, x2, y2]}, {@code x2}/{@code y2} exclusive
 * @param area the number of mask pixels; {@code null} without a mask
 * @param mask the mask in the requested {@link MaskFormat}; {@code null} for detection or
 * a dropped mask
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Detection(String label, List<Integer> box2d, List<Integer> bbox, Long area,
		@Schema(description = "By maskFormat: rle (default) {size, counts}, png {format, bbox, data} or polygon "
				+ "{format, polygons}.",
				oneOf = {
						CocoRle.class, PngMask.class, PolygonOutline.class }) DetectionMask mask){

	public Detection {
		box2d = List.copyOf(box2d);
		bbox = List.copyOf(bbox);
	}

}
