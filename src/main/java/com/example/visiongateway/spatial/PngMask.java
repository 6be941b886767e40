package com.example.visiongateway.spatial;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A mask as the picture the Gemini guide saves per object: the thresholded mask of the
 * box region, at box size, as a 1-bit grayscale PNG (white where set).
 *
 * @param format always {@code "png"}
 * @param bbox the pixel box the picture covers, {@code [x1, y1, x2, y2]}
 * @param data the PNG, base64
 */
@Schema(description = "maskFormat=png: the thresholded mask of the box region at box size, a 1-bit grayscale PNG "
		+ "(white = set), base64.")
public record PngMask(@Schema(allowableValues = "png") String format, List<Integer> bbox,
		String data) implements DetectionMask {

	static final String FORMAT = "png";

	public PngMask {
		if (!FORMAT.equals(format)) {
			throw new IllegalArgumentException("A PNG mask has format \"png\"");
		}
		bbox = List.copyOf(bbox);
	}

	PngMask(PixelBox box, String data) {
		this(FORMAT, box.toList(), data);
	}

}
