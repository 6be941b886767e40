package com.example.visiongateway.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;

/**
 * Turns a decoded image upright according to its EXIF orientation, so pixels match the
 * upright geometry that boxes and masks refer to. The stored image is drawn once through
 * the orientation's transform into the new image: no intermediate pixel arrays, so
 * turning costs exactly the upright copy.
 */
public final class Orientation {

	private Orientation() {
	}

	/**
	 * Apply an EXIF orientation.
	 * @param stored the image as stored in the file
	 * @param exifOrientation 1 to 8; any other value is treated as 1
	 * @param imageType the {@link BufferedImage} type of the upright copy
	 * @return {@code stored} itself for orientation 1 when it already has that type,
	 * otherwise a new upright image, swapping width and height for orientations 5 to 8
	 */
	public static BufferedImage upright(BufferedImage stored, int exifOrientation, int imageType) {
		int orientation = (exifOrientation >= 2 && exifOrientation <= 8) ? exifOrientation : 1;
		if (orientation == 1 && stored.getType() == imageType) {
			return stored;
		}
		int width = stored.getWidth();
		int height = stored.getHeight();
		boolean transposed = orientation >= 5;
		BufferedImage upright = new BufferedImage(transposed ? height : width, transposed ? width : height, imageType);
		Graphics2D graphics = upright.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
					RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
			graphics.drawImage(stored, toUpright(orientation, width, height), null);
		}
		finally {
			graphics.dispose();
		}
		return upright;
	}

	/**
	 * Maps stored pixel coordinates to upright ones: flips and quarter turns with
	 * whole-pixel offsets, so every pixel lands exactly on one pixel.
	 */
	static AffineTransform toUpright(int orientation, int width, int height) {
		return switch (orientation) {
			case 2 -> new AffineTransform(-1, 0, 0, 1, width, 0);
			case 3 -> new AffineTransform(-1, 0, 0, -1, width, height);
			case 4 -> new AffineTransform(1, 0, 0, -1, 0, height);
			case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
			case 6 -> new AffineTransform(0, 1, -1, 0, height, 0);
			case 7 -> new AffineTransform(0, -1, -1, 0, height, width);
			case 8 -> new AffineTransform(0, -1, 1, 0, 0, width);
			default -> new AffineTransform();
		};
	}

}
