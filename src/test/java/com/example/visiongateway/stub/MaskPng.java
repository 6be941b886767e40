package com.example.visiongateway.stub;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/**
 * The segmentation mask every stub detection carries: a real 8-bit grayscale PNG (a
 * filled disc of 255 on 0), as a data URI the way Gemini sends it. Generated once, on
 * first use.
 */
final class MaskPng {

	static final int SIZE = 64;

	private static final String DATA_URI = "data:image/png;base64," + Base64.getEncoder().encodeToString(render());

	private MaskPng() {
	}

	static String dataUri() {
		return DATA_URI;
	}

	private static byte[] render() {
		BufferedImage mask = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D graphics = mask.createGraphics();
		try {
			graphics.setColor(Color.BLACK);
			graphics.fillRect(0, 0, SIZE, SIZE);
			graphics.setColor(Color.WHITE);
			graphics.fillOval(8, 8, SIZE - 16, SIZE - 16);
		}
		finally {
			graphics.dispose();
		}
		try (ByteArrayOutputStream png = new ByteArrayOutputStream()) {
			ImageIO.write(mask, "png", png);
			return png.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
