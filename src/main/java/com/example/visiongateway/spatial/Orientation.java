package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;

/**
 * Turns a decoded image upright according to its EXIF orientation, so drawings match the
 * upright geometry that boxes and masks refer to.
 */
public final class Orientation {

	private Orientation() {
	}

	/**
	 * Apply an EXIF orientation.
	 * @param stored the image as stored in the file
	 * @param exifOrientation 1 to 8; any other value is treated as 1 (no change)
	 * @return {@code stored} itself for orientation 1, otherwise a new upright image,
	 * swapping width and height for orientations 5 to 8
	 */
	public static BufferedImage upright(BufferedImage stored, int exifOrientation) {
		if (exifOrientation < 2 || exifOrientation > 8) {
			return stored;
		}
		int width = stored.getWidth();
		int height = stored.getHeight();
		boolean transposed = exifOrientation >= 5;
		int outWidth = transposed ? height : width;
		BufferedImage upright = new BufferedImage(outWidth, transposed ? width : height,
				stored.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		int[] in = stored.getRGB(0, 0, width, height, null, 0, width);
		int[] out = new int[in.length];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int target = switch (exifOrientation) {
					case 2 -> y * outWidth + (width - 1 - x);
					case 3 -> (height - 1 - y) * outWidth + (width - 1 - x);
					case 4 -> (height - 1 - y) * outWidth + x;
					case 5 -> x * outWidth + y;
					case 6 -> x * outWidth + (height - 1 - y);
					case 7 -> (width - 1 - x) * outWidth + (height - 1 - y);
					default -> (width - 1 - x) * outWidth + y;
				};
				out[target] = in[y * width + x];
			}
		}
		upright.setRGB(0, 0, outWidth, upright.getHeight(), out, 0, outWidth);
		return upright;
	}

}
