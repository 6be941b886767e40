package com.example.visiongateway.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.ByteSource;

/**
 * Decodes images to rasters charged to the decode {@link Budget} that all requests share.
 * The cost is known from the decoder's own header before any pixel is decoded: the raster
 * at the decoder's bit depth (a 16-bit RGBA pixel is 8 bytes), read every
 * {@code subsampling}th pixel when the caller needs much less than the whole image, plus
 * whatever working copies the caller declares. A decode that does not fit waits briefly
 * for others, then fails with {@code 503 OVERLOADED}; one that could never fit is for the
 * caller to refuse or skip ({@link Header#affordable(long)}).
 */
public final class PixelDecoder {

	private final PixelLimit limit;

	private final Budget budget;

	private final Duration wait;

	/**
	 * @param maxPixels the pixel limit, checked again from the decoder's header
	 * @param budget the decode budget
	 * @param wait how long a decode waits for the budget before 503
	 */
	public PixelDecoder(long maxPixels, Budget budget, Duration wait) {
		this.limit = new PixelLimit(maxPixels);
		this.budget = budget;
		this.wait = wait;
	}

	/** Bytes all decodes together may hold. */
	public long capacity() {
		return this.budget.capacity();
	}

	/**
	 * Reads the image's header with the JVM's decoder for its type.
	 * @return the header, to close when done; null when the JVM has no decoder for the
	 * type or its decoder cannot read this header
	 * @throws VisionException IMAGE_TOO_LARGE when the decoder's header is above the
	 * pixel limit
	 */
	public Header open(ByteSource bytes, ImageType type) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(type.mimeType());
		if (!readers.hasNext()) {
			return null;
		}
		ImageReader reader = readers.next();
		InputStream stream = null;
		ImageInputStream in = null;
		try {
			stream = bytes.openStream();
			in = ImageIO.createImageInputStream(stream);
			reader.setInput(in, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			this.limit.check(width, height);
			return new Header(reader, stream, in, width, height, bitsPerPixel(reader));
		}
		catch (VisionException ex) {
			close(reader, stream, in);
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			// a variant the JVM's decoder does not handle (CMYK JPEG, say)
			close(reader, stream, in);
			return null;
		}
	}

	/** Storage bits of one decoded pixel, from the type the decoder will produce. */
	private static int bitsPerPixel(ImageReader reader) throws IOException {
		ImageTypeSpecifier type = reader.getRawImageType(0);
		if (type == null) {
			type = reader.getImageTypes(0).next();
		}
		SampleModel model = type.getSampleModel(1, 1);
		if (model instanceof MultiPixelPackedSampleModel packed) {
			return packed.getPixelBitStride();
		}
		int bitsPerSample = DataBuffer.getDataTypeSize(model.getDataType());
		return (model instanceof SinglePixelPackedSampleModel) ? bitsPerSample : bitsPerSample * model.getNumBands();
	}

	private static void close(ImageReader reader, InputStream stream, ImageInputStream in) {
		reader.dispose();
		try (stream; in) {
			// closing only
		}
		catch (IOException ex) {
			// nothing was written; a failed close loses nothing
		}
	}

	/** An opened image: its stored size as its decoder reads it, nothing decoded yet. */
	public final class Header implements AutoCloseable {

		private final ImageReader reader;

		private final InputStream stream;

		private final ImageInputStream in;

		private final int width;

		private final int height;

		private final int bitsPerPixel;

		private Header(ImageReader reader, InputStream stream, ImageInputStream in, int width, int height,
				int bitsPerPixel) {
			this.reader = reader;
			this.stream = stream;
			this.in = in;
			this.width = width;
			this.height = height;
			this.bitsPerPixel = bitsPerPixel;
		}

		/** Stored width (before orientation). */
		public int width() {
			return this.width;
		}

		/** Stored height (before orientation). */
		public int height() {
			return this.height;
		}

		/** Width of a decode that reads every {@code subsampling}th column. */
		public int width(int subsampling) {
			return ceilDiv(this.width, subsampling);
		}

		/** Height of a decode that reads every {@code subsampling}th row. */
		public int height(int subsampling) {
			return ceilDiv(this.height, subsampling);
		}

		/**
		 * Bytes a decode holds: the raster at the decoder's bit depth plus
		 * {@code workingBytes} for the caller's copies of it.
		 */
		public long cost(int subsampling, long workingBytes) {
			long rowBytes = ((long) width(subsampling) * this.bitsPerPixel + 7) / 8;
			return rowBytes * height(subsampling) + workingBytes;
		}

		/** Whether a decode of this cost could ever fit the budget. */
		public boolean affordable(long cost) {
			return cost <= PixelDecoder.this.budget.capacity();
		}

		/**
		 * Reserves {@code cost} and decodes every {@code subsampling}th pixel of every
		 * {@code subsampling}th row.
		 * @return the raster with its reservation, to close when done with it and its
		 * copies; null when the decoder fails on the pixels
		 * @throws VisionException OVERLOADED when the budget stays spent
		 */
		public Pixels decode(int subsampling, long cost) {
			Reservation reservation = new Reservation(PixelDecoder.this.budget, PixelDecoder.this.wait);
			reservation.add(cost);
			try {
				ImageReadParam param = this.reader.getDefaultReadParam();
				if (subsampling > 1) {
					param.setSourceSubsampling(subsampling, subsampling, 0, 0);
				}
				return new Pixels(this.reader.read(0, param), reservation);
			}
			catch (IOException | RuntimeException ex) {
				reservation.close();
				return null;
			}
		}

		@Override
		public void close() {
			PixelDecoder.close(this.reader, this.stream, this.in);
		}

		private static int ceilDiv(int size, int step) {
			return (int) ((size + (long) step - 1) / step);
		}

	}

	/**
	 * A decoded raster and what it is charged; closing gives the charge back.
	 *
	 * @param image the stored raster (no orientation applied)
	 * @param reservation its charge to the decode budget
	 */
	public record Pixels(BufferedImage image, Reservation reservation) implements AutoCloseable {

		@Override
		public void close() {
			this.reservation.close();
		}

	}

}
