package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import javax.imageio.ImageIO;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.Orientation;
import com.example.visiongateway.image.PixelDecoder;
import com.example.visiongateway.io.ByteSource;

/**
 * The caller's own image, decoded within the decode budget, turned upright into the
 * picture's own canvas (the one full-size copy), with {@link Annotator}'s drawing on it
 * and encoded as PNG or JPEG.
 */
public final class AnnotatedPicture {

	private AnnotatedPicture() {
	}

	/** The encoded picture; {@code format} is "png" or "jpeg". */
	public static byte[] draw(PixelDecoder decoder, ByteSource bytes, ImageInfo info, List<Detection> detections,
			String format) {
		try (PixelDecoder.Header header = decoder.open(bytes, info.type())) {
			if (header == null) {
				throw undecodable();
			}
			try (PixelDecoder.Pixels pixels = header.decode(1, cost(header))) {
				if (pixels == null) {
					throw undecodable();
				}
				BufferedImage picture = Orientation.upright(pixels.image(), info.orientation(),
						BufferedImage.TYPE_INT_RGB);
				Annotator.annotate(picture, detections);
				ByteArrayOutputStream out = new ByteArrayOutputStream();
				ImageIO.write(picture, format, out);
				return out.toByteArray();
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Decoded bytes drawing needs: the raster at full size and the upright RGB canvas.
	 */
	public static long cost(PixelDecoder.Header header) {
		return header.cost(1, 4L * header.width() * header.height());
	}

	/** The image cannot be decoded to draw on. */
	public static VisionException undecodable() {
		return new VisionException(ErrorCode.NOT_ACCEPTABLE, "The gateway cannot decode this image to draw on it.");
	}

}
