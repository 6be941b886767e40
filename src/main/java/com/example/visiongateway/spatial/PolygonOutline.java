package com.example.visiongateway.spatial;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A mask as polygons: the outer contour of each of its 4-connected parts, in integer
 * pixel corners of the whole upright image, simplified by at most half a pixel. Holes are
 * left out, so the rings read as a COCO {@code segmentation} list (which fills every
 * ring) or as SVG polygons.
 *
 * @param format always {@code "polygon"}
 * @param polygons one ring per part, {@code [x1, y1, x2, y2, …]}, clockwise on screen,
 * not closed (the last vertex joins the first)
 */
@Schema(description = "maskFormat=polygon: the outer contour of each part of the mask, [x1, y1, x2, y2, …] in integer "
		+ "pixel corners of the whole upright image (clockwise on screen, last vertex joins the first), simplified by at "
		+ "most half a pixel; holes are left out.")
public record PolygonOutline(@Schema(allowableValues = "polygon") String format,
		@ArraySchema(arraySchema = @Schema(example = "[[10, 20, 40, 20, 40, 60, 10, 60]]")) List<int[]> polygons)
		implements
			DetectionMask {

	static final String FORMAT = "polygon";

	public PolygonOutline {
		if (!FORMAT.equals(format)) {
			throw new IllegalArgumentException("A polygon mask has format \"polygon\"");
		}
		polygons = List.copyOf(polygons);
	}

	PolygonOutline(List<int[]> polygons) {
		this(FORMAT, polygons);
	}

}
