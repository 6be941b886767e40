package com.example.visiongateway.image;

/**
 * Checks dimensions as soon as a header yields them, so a decompression bomb is refused
 * before anything else is read, let alone decoded.
 */
record PixelLimit(long maxPixels) {

	/** Header fields are at most 32 bits unsigned, so the product can overflow a long. */
	void check(long width, long height) {
		if (width <= 0 || height <= 0) {
			throw ImageProblems.unreadable("The image header declares no usable width and height.");
		}
		long pixels;
		try {
			pixels = Math.multiplyExact(width, height);
		}
		catch (ArithmeticException ex) {
			pixels = Long.MAX_VALUE;
		}
		if (pixels > this.maxPixels) {
			throw ImageProblems.tooLarge(this.maxPixels, pixels);
		}
		if (width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
			throw ImageProblems.unreadable("The image header declares a width or height beyond 2^31 pixels.");
		}
	}

}
