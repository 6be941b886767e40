package com.example.visiongateway.spatial;

/**
 * A mask's probability map: one 8-bit intensity per pixel, row by row.
 */
final class MaskRaster {

	private final int width;

	private final int height;

	private final byte[] values;

	MaskRaster(int width, int height, byte[] values) {
		if (width < 1 || height < 1 || values.length != width * height) {
			throw new IllegalArgumentException("Mask values must cover " + width + " x " + height + " pixels");
		}
		this.width = width;
		this.height = height;
		this.values = values;
	}

	int width() {
		return this.width;
	}

	int height() {
		return this.height;
	}

	int value(int x, int y) {
		return this.values[y * this.width + x] & 0xFF;
	}

	byte[] values() {
		return this.values;
	}

}
