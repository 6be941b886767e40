package com.example.visiongateway.spatial;

import java.util.List;

/**
 * A COCO run-length encoded mask over a whole image, as {@code pycocotools.mask.decode}
 * reads it: runs in column-major order, starting with a run of zeros.
 *
 * @param size {@code [height, width]}
 * @param counts the compressed counts string
 */
public record CocoRle(List<Integer> size, String counts) implements DetectionMask {

	public CocoRle {
		size = List.copyOf(size);
	}

	int height() {
		return this.size.get(0);
	}

	int width() {
		return this.size.get(1);
	}

}
