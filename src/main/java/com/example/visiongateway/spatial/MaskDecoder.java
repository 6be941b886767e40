package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a model's mask, base64 PNG with or without a {@code data:image/png;base64,}
 * prefix, into intensities. The PNG header is checked before decoding so a mask declaring
 * huge dimensions costs nothing.
 * <p>
 * Intensity is the pixel's luma ({@code (299 R + 587 G + 114 B) / 1000}, rounded), which
 * is the value itself for gray and gray-as-RGB masks; palette entries are looked up
 * first. Alpha is ignored, except when the colour carries no information (the same luma
 * everywhere) while alpha varies: then the mask is drawn in alpha and alpha is the
 * intensity. Samples deeper than 8 bits are scaled to 0–255.
 */
final class MaskDecoder {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	/** Signature, IHDR length and type, width, height. */
	private static final int HEADER_BYTES = 24;

	private static final Pattern SEGMENTATION_TOKEN = Pattern.compile("<\\s*seg_?\\d*\\s*>.*",
			Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

	private static final Pattern WHITESPACE = Pattern.compile("\\s+");

	private final int maxSide;

	MaskDecoder(int maxSide) {
		this.maxSide = maxSide;
	}

	/**
	 * Decode a mask.
	 * @param mask the mask text from the answer
	 * @return its intensities
	 * @throws MaskRejectedException when it is not a usable PNG
	 */
	MaskRaster decode(String mask) {
		return decode(parse(mask));
	}

	/**
	 * Reads a mask's PNG header, decoding nothing yet, so its cost is known first.
	 * @throws MaskRejectedException when it is not a PNG within the size limit
	 */
	Png parse(String mask) {
		String text = mask.strip();
		if (SEGMENTATION_TOKEN.matcher(text).matches()) {
			throw new MaskRejectedException("a segmentation token, not a PNG");
		}
		byte[] png = base64(stripDataPrefix(text));
		checkHeader(png);
		return new Png(png, ByteBuffer.wrap(png, 16, 4).getInt(), ByteBuffer.wrap(png, 20, 4).getInt());
	}

	/** Decodes a parsed mask into its intensities. */
	MaskRaster decode(Png png) {
		return intensities(read(png.bytes()));
	}

	/**
	 * A mask's PNG bytes and the size its header declares (within the limit).
	 *
	 * @param bytes the PNG
	 * @param width its declared width
	 * @param height its declared height
	 */
	record Png(byte[] bytes, int width, int height) {
	}

	private static String stripDataPrefix(String text) {
		if (!text.regionMatches(true, 0, "data:", 0, 5)) {
			return text;
		}
		int comma = text.indexOf(',');
		String header = (comma < 0) ? text : text.substring(5, comma).toLowerCase(Locale.ROOT);
		if (comma < 0 || !header.endsWith(";base64")) {
			throw new MaskRejectedException("not a base64 data URL");
		}
		if (!header.startsWith("image/png")) {
			throw new MaskRejectedException("not a PNG");
		}
		return text.substring(comma + 1);
	}

	private static byte[] base64(String text) {
		try {
			return Base64.getDecoder().decode(WHITESPACE.matcher(text).replaceAll(""));
		}
		catch (IllegalArgumentException ex) {
			throw new MaskRejectedException("not valid base64");
		}
	}

	private void checkHeader(byte[] png) {
		if (png.length < HEADER_BYTES
				|| !ByteBuffer.wrap(png, 0, PNG_SIGNATURE.length).equals(ByteBuffer.wrap(PNG_SIGNATURE))
				|| png[12] != 'I' || png[13] != 'H' || png[14] != 'D' || png[15] != 'R') {
			throw new MaskRejectedException("not a PNG");
		}
		long width = ByteBuffer.wrap(png, 16, 4).getInt() & 0xFFFFFFFFL;
		long height = ByteBuffer.wrap(png, 20, 4).getInt() & 0xFFFFFFFFL;
		if (width < 1 || height < 1 || width > this.maxSide || height > this.maxSide) {
			throw new MaskRejectedException("PNG declares " + width + " x " + height + " pixels, over the limit of "
					+ this.maxSide + " a side");
		}
	}

	private static BufferedImage read(byte[] png) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("png");
		if (!readers.hasNext()) {
			throw new MaskRejectedException("PNG decoding is unavailable");
		}
		ImageReader reader = readers.next();
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
			reader.setInput(input, true, true);
			return reader.read(0);
		}
		catch (IOException | RuntimeException ex) {
			// Decoders throw unchecked exceptions on corrupt data too; all mean the same
			// here.
			throw new MaskRejectedException("PNG could not be decoded");
		}
		finally {
			reader.dispose();
		}
	}

	static MaskRaster intensities(BufferedImage image) {
		int width = image.getWidth();
		int height = image.getHeight();
		int pixels = width * height;
		byte[] luma = new byte[pixels];
		byte[] alpha = new byte[pixels];
		ColorModel model = image.getColorModel();
		Raster raster = image.getRaster();
		int bands = raster.getNumBands();
		int[] row = new int[width * bands];
		for (int y = 0; y < height; y++) {
			raster.getPixels(0, y, width, 1, row);
			for (int x = 0; x < width; x++) {
				int i = y * width + x;
				int first = x * bands;
				if (model instanceof IndexColorModel palette) {
					int entry = row[first];
					luma[i] = (byte) luma(palette.getRed(entry), palette.getGreen(entry), palette.getBlue(entry));
					alpha[i] = (byte) palette.getAlpha(entry);
				}
				else {
					int colours = model.getNumColorComponents();
					luma[i] = (byte) ((colours >= 3) ? luma(eightBit(model, row, first, 0),
							eightBit(model, row, first, 1), eightBit(model, row, first, 2))
							: eightBit(model, row, first, 0));
					alpha[i] = (byte) (model.hasAlpha() ? eightBit(model, row, first, colours) : 255);
				}
			}
		}
		return new MaskRaster(width, height, (isUniform(luma) && !isUniform(alpha)) ? alpha : luma);
	}

	private static int eightBit(ColorModel model, int[] row, int first, int band) {
		int max = (1 << model.getComponentSize(band)) - 1;
		return (max == 255) ? row[first + band] : (row[first + band] * 255 + max / 2) / max;
	}

	private static int luma(int red, int green, int blue) {
		return (299 * red + 587 * green + 114 * blue + 500) / 1000;
	}

	private static boolean isUniform(byte[] values) {
		for (byte value : values) {
			if (value != values[0]) {
				return false;
			}
		}
		return true;
	}

}
