package com.example.visiongateway.spatial;

import java.util.Locale;

/** How segmentation masks are answered ({@code maskFormat}). */
public enum MaskFormat {

	/** COCO compressed RLE over the whole image (the default). */
	RLE,

	/** A 1-bit PNG of the box region, at box size. */
	PNG,

	/** Outer contours as polygons in whole-image pixels. */
	POLYGON;

	/**
	 * The value of the {@code maskFormat} part, any case; {@code null} when it names no
	 * format.
	 */
	public static MaskFormat parse(String value) {
		for (MaskFormat format : values()) {
			if (format.name().equals(value.strip().toUpperCase(Locale.ROOT))) {
				return format;
			}
		}
		return null;
	}

}
