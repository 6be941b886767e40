package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.function.IntBinaryOperator;

import javax.imageio.ImageIO;

/** Builds mask PNGs the way the model sends them, in each PNG colour type. */
final class MaskPngs {

	static final String DATA_URL_PREFIX = "data:image/png;base64,";

	private MaskPngs() {
	}

	static BufferedImage gray(int width, int height, IntBinaryOperator value) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.getRaster().setSample(x, y, 0, value.applyAsInt(x, y));
			}
		}
		return image;
	}

	/**
	 * A 256-entry gray palette in reverse order (an identity ramp would be written as
	 * plain gray), so the values are only right when looked up.
	 */
	static BufferedImage palette(int width, int height, IntBinaryOperator value) {
		byte[] levels = new byte[256];
		for (int i = 0; i < 256; i++) {
			levels[i] = (byte) (255 - i);
		}
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
				new IndexColorModel(8, 256, levels, levels, levels));
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.getRaster().setSample(x, y, 0, 255 - value.applyAsInt(x, y));
			}
		}
		return image;
	}

	static BufferedImage rgb(int width, int height, IntBinaryOperator value) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int v = value.applyAsInt(x, y);
				image.setRGB(x, y, (v << 16) | (v << 8) | v);
			}
		}
		return image;
	}

	/** Gray values in the colour channels, fully opaque. */
	static BufferedImage rgba(int width, int height, IntBinaryOperator value) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int v = value.applyAsInt(x, y);
				image.setRGB(x, y, 0xFF000000 | (v << 16) | (v << 8) | v);
			}
		}
		return image;
	}

	/** Black everywhere, the mask drawn in alpha only. */
	static BufferedImage alphaOnly(int width, int height, IntBinaryOperator value) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, value.applyAsInt(x, y) << 24);
			}
		}
		return image;
	}

	static byte[] png(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	static String base64(BufferedImage image) {
		return Base64.getEncoder().encodeToString(png(image));
	}

	static String dataUrl(BufferedImage image) {
		return DATA_URL_PREFIX + base64(image);
	}

	/**
	 * The PNG colour type from IHDR: 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA.
	 */
	static int colourType(byte[] png) {
		return png[25];
	}

}
