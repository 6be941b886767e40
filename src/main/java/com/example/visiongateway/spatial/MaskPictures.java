package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

import javax.imageio.ImageIO;

/**
 * Writes a box mask as a PNG. A {@code TYPE_BYTE_BINARY} image (black and white palette)
 * is written by the JDK's PNG writer as 1-bit grayscale, the smallest lossless form of a
 * thresholded mask, and PIL opens it as mode {@code 1}.
 */
final class MaskPictures {

	private MaskPictures() {
	}

	static PngMask png(PixelBox box, BoxBits bits) {
		BufferedImage picture = new BufferedImage(bits.width(), bits.height(), BufferedImage.TYPE_BYTE_BINARY);
		byte[] rows = ((DataBufferByte) picture.getRaster().getDataBuffer()).getData();
		int rowBytes = (bits.width() + 7) >>> 3;
		for (int y = 0; y < bits.height(); y++) {
			for (int i = 0; i < rowBytes; i++) {
				// The picture packs 8 pixels per byte, leftmost in the high bit; the mask
				// holds 64 per word, leftmost low.
				long word = bits.word(y, i >>> 3);
				int pixels = (int) (word >>> ((i & 7) << 3)) & 0xFF;
				rows[y * rowBytes + i] = (byte) (Integer.reverse(pixels) >>> 24);
			}
		}
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			ImageIO.write(picture, "png", out);
			return new PngMask(box, Base64.getEncoder().encodeToString(out.toByteArray()));
		}
		catch (IOException ex) {
			// An in-memory stream does not fail.
			throw new UncheckedIOException(ex);
		}
	}

}
