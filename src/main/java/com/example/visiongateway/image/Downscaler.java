package com.example.visiongateway.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.io.TempFileBytes;

/**
 * Shrinks an image whose longer side is over a requested maximum, to save bytes and
 * tokens.
 *
 * <p>
 * What comes out is always <em>upright</em>: the EXIF orientation is applied to the
 * pixels and the result carries orientation 1 (no EXIF at all). The upright geometry
 * keeps its proportions, so normalized model coordinates on the small image map onto the
 * caller's upright original, whichever way Gemini treats EXIF. The longer upright side
 * becomes exactly the maximum, the other side is rounded to the nearest pixel (at least
 * 1). Scaling halves repeatedly with bilinear filtering (each halving averages 2 x 2
 * pixels) and takes the last step, less than a halving, bilinearly: fine detail averages
 * out instead of aliasing. PNG stays PNG, JPEG stays JPEG (at the configured quality);
 * metadata (EXIF, ICC, XMP) is not carried over.
 *
 * <p>
 * Images that are not shrunk come back unchanged: those already small enough, HEIC/HEIF
 * and WebP (the JVM has no decoder for them) and any the JVM fails to decode (each of the
 * last with a warning), and those whose decoding could never fit the decode budget. The
 * decoder reads every nth pixel when the target is much smaller (see
 * {@link #subsampling}), and the raster and working copies are charged to the decode
 * budget before decoding ({@link PixelDecoder}); the pixel limit is checked again from
 * the decoder's own header reading.
 */
public final class Downscaler {

	private static final String UNDECODABLE = "The image could not be decoded for downscaling and is sent at full size.";

	private final PixelDecoder decoder;

	private final float jpegQuality;

	/**
	 * @param decoder decodes within the pixel limit and the shared decode budget
	 */
	public Downscaler(PixelDecoder decoder, float jpegQuality) {
		if (jpegQuality < 0.1f || jpegQuality > 1f) {
			throw new IllegalArgumentException("jpegQuality must be within 0.1 to 1.0");
		}
		this.decoder = decoder;
		this.jpegQuality = jpegQuality;
	}

	/**
	 * Shrinks the image if its longer side is over {@code maxDimension}.
	 * @param bytes the image as inspected
	 * @param info what {@link ImageInspector} found in it
	 * @param maxDimension the longest side wanted, in pixels (at least 1)
	 * @return the image to send; {@link Downscaled#close() close} it when done
	 * @throws VisionException IMAGE_TOO_LARGE above the pixel limit, OVERLOADED when the
	 * decode budget stays spent
	 */
	public Downscaled downscale(ByteSource bytes, ImageInfo info, int maxDimension) {
		if (maxDimension < 1) {
			throw new IllegalArgumentException("maxDimension must be at least 1");
		}
		if (Math.max(info.width(), info.height()) <= maxDimension) {
			return Downscaled.unchanged(bytes, info, null);
		}
		// Re-encoding stays in the image's family, so both a reader and a writer are
		// needed (WebP can be read only).
		if (!info.type().decodable() || !ImageIO.getImageReadersByMIMEType(info.type().mimeType()).hasNext()
				|| !ImageIO.getImageWritersByMIMEType(info.type().mimeType()).hasNext()) {
			return Downscaled.unchanged(bytes, info, info.type().name() + " images are sent at full size: "
					+ "the gateway cannot re-encode " + info.type().name() + " after downscaling it.");
		}
		try (PixelDecoder.Header header = this.decoder.open(bytes, info.type())) {
			if (header == null) {
				return Downscaled.unchanged(bytes, info, UNDECODABLE);
			}
			return downscale(bytes, info, header, maxDimension);
		}
	}

	private Downscaled downscale(ByteSource bytes, ImageInfo info, PixelDecoder.Header header, int maxDimension) {
		// The target is upright, the decoding is not: scale in stored orientation, then
		// turn the small result, never the full-size raster.
		boolean transposed = info.transposed();
		int uprightWidth = transposed ? header.height() : header.width();
		int uprightHeight = transposed ? header.width() : header.height();
		double scale = (double) maxDimension / Math.max(uprightWidth, uprightHeight);
		int width = Math.max(1, (int) Math.round(uprightWidth * scale));
		int height = Math.max(1, (int) Math.round(uprightHeight * scale));
		int storedWidth = transposed ? height : width;
		int storedHeight = transposed ? width : height;
		int step = subsampling(header.width(), header.height(), storedWidth, storedHeight);
		long cost = header.cost(step, workingBytes(header.width(step), header.height(step), storedWidth, storedHeight));
		if (!header.affordable(cost)) {
			return Downscaled.unchanged(bytes, info,
					"The image is too large for the gateway to decode for " + "downscaling and is sent at full size.");
		}
		try (PixelDecoder.Pixels pixels = header.decode(step, cost)) {
			if (pixels == null) {
				return Downscaled.unchanged(bytes, info, UNDECODABLE);
			}
			BufferedImage scaled = scale(pixels.image(), storedWidth, storedHeight);
			BufferedImage upright = Orientation.upright(scaled, info.orientation(), scaled.getType());
			Path file = encode(upright, info.type());
			long size = size(file);
			return new Downscaled(new TempFileBytes(file, size), new ImageInfo(info.type(), width, height, 1),
					bytes.size() - size, List.of());
		}
	}

	/**
	 * Every how many pixels to decode: reading every nth pixel is far cheaper than
	 * decoding all and averaging them away, but it aliases, so it starts only when the
	 * target is at least eight times smaller, and the decoded image stays at least four
	 * times the target each way: the halvings still average 4 x 4 pixels into one.
	 */
	static int subsampling(int width, int height, int targetWidth, int targetHeight) {
		return Math.max(1, Math.min(width / targetWidth, height / targetHeight) / 4);
	}

	/**
	 * Heap the scaling holds beside the decoded raster: every halving (4 bytes a pixel),
	 * then the last step, the straight-alpha copy and the upright copy at the target
	 * size.
	 */
	static long workingBytes(int width, int height, int targetWidth, int targetHeight) {
		long bytes = 3 * 4L * targetWidth * targetHeight;
		int currentWidth = width;
		int currentHeight = height;
		while (currentWidth / 2 >= targetWidth && currentHeight / 2 >= targetHeight) {
			currentWidth /= 2;
			currentHeight /= 2;
			bytes += 4L * currentWidth * currentHeight;
		}
		return bytes;
	}

	static BufferedImage scale(BufferedImage source, int width, int height) {
		int type = workingType(source);
		BufferedImage current = source;
		int currentWidth = source.getWidth();
		int currentHeight = source.getHeight();
		while (currentWidth / 2 >= width && currentHeight / 2 >= height) {
			currentWidth /= 2;
			currentHeight /= 2;
			current = resize(current, currentWidth, currentHeight, type);
		}
		if (currentWidth != width || currentHeight != height) {
			current = resize(current, width, height, type);
		}
		if (type == BufferedImage.TYPE_INT_ARGB_PRE) {
			// premultiplied while filtering so transparent pixels lend no colour; writers
			// expect straight alpha
			current = resize(current, width, height, BufferedImage.TYPE_INT_ARGB);
		}
		return current;
	}

	private static int workingType(BufferedImage source) {
		if (source.getColorModel().hasAlpha()) {
			return BufferedImage.TYPE_INT_ARGB_PRE;
		}
		return (source.getColorModel().getNumColorComponents() == 1) ? BufferedImage.TYPE_BYTE_GRAY
				: BufferedImage.TYPE_INT_RGB;
	}

	private static BufferedImage resize(BufferedImage source, int width, int height, int type) {
		BufferedImage target = new BufferedImage(width, height, type);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	private Path encode(BufferedImage image, ImageType type) {
		Path file = TempFileBytes.create("downscaled");
		ImageWriter writer = ImageIO.getImageWritersByMIMEType(type.mimeType()).next();
		try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (type == ImageType.JPEG) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(this.jpegQuality);
			}
			writer.setOutput(out);
			writer.write(null, new IIOImage(image, null, null), param);
			return file;
		}
		catch (IOException ex) {
			TempFileBytes.deleteQuietly(file);
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
	}

	private static long size(Path file) {
		try {
			return Files.size(file);
		}
		catch (IOException ex) {
			TempFileBytes.deleteQuietly(file);
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The image to send.
	 *
	 * @param bytes the downscaled image in a temp file, or the original bytes when
	 * nothing was done
	 * @param info what the bytes are: for a downscaled image its new size, orientation 1
	 * @param bytesSaved original size minus new size (negative in the rare case
	 * re-encoding grew the file)
	 * @param warnings why an image over the maximum was left as it is; empty otherwise
	 */
	public record Downscaled(ByteSource bytes, ImageInfo info, long bytesSaved,
			List<String> warnings) implements AutoCloseable {

		public Downscaled {
			warnings = List.copyOf(warnings);
		}

		static Downscaled unchanged(ByteSource bytes, ImageInfo info, String warning) {
			return new Downscaled(bytes, info, 0, (warning != null) ? List.of(warning) : List.of());
		}

		/** Whether new bytes were produced. */
		public boolean downscaled() {
			return this.bytes instanceof TempFileBytes;
		}

		/**
		 * Deletes the temp file of a downscaled image; the original bytes are the
		 * caller's and stay.
		 */
		@Override
		public void close() {
			if (this.bytes instanceof TempFileBytes image) {
				TempFileBytes.deleteQuietly(image.path());
			}
		}

	}

}
