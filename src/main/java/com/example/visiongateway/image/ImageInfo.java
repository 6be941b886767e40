package com.example.visiongateway.image;

/**
 * What the bytes of one image say about it, read from its header only.
 *
 * @param type the type decided from the magic numbers
 * @param width the stored width in pixels (before EXIF orientation)
 * @param height the stored height in pixels
 * @param orientation the EXIF orientation, 1 to 8 (1 when absent)
 */
public record ImageInfo(ImageType type, int width, int height, int orientation) {

	/**
	 * Orientations 5 to 8 turn the picture by a quarter, so width and height trade
	 * places.
	 */
	public boolean transposed() {
		return this.orientation >= 5 && this.orientation <= 8;
	}

	public int uprightWidth() {
		return transposed() ? this.height : this.width;
	}

	public int uprightHeight() {
		return transposed() ? this.width : this.height;
	}

	public long pixels() {
		return (long) this.width * this.height;
	}

}
