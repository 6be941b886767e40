package com.example.visiongateway.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.example.visiongateway.io.ByteSource;

/** Test images: the shared fixtures, and valid PNGs of any size built around them. */
public final class TestImages {

	private TestImages() {
	}

	/** A fixture from src/test/resources/images. */
	public static byte[] fixture(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Bytes as a {@link ByteSource}, read from memory. */
	public static ByteSource source(byte[] bytes) {
		return new InMemory(bytes);
	}

	private record InMemory(byte[] bytes) implements ByteSource {

		@Override
		public long size() {
			return this.bytes.length;
		}

		@Override
		public InputStream openStream() {
			return new ByteArrayInputStream(this.bytes);
		}

	}

	/**
	 * chelsea.png grown to exactly {@code size} bytes with a private ancillary chunk of
	 * random bytes before IEND: still a valid 451 x 300 PNG, as large as a test needs,
	 * and cheap to build. Different seeds give different bytes (and digests).
	 */
	public static byte[] pngOfSize(int size, long seed) {
		byte[] base = fixture("chelsea.png");
		int iendStart = base.length - 12;
		int padding = size - base.length - 12;
		if (padding < 0) {
			throw new IllegalArgumentException("Too small: " + size);
		}
		byte[] data = new byte[padding];
		new Random(seed).nextBytes(data);
		ByteArrayOutputStream out = new ByteArrayOutputStream(size);
		out.write(base, 0, iendStart);
		writeChunk(out, "vgPd", data);
		out.write(base, iendStart, 12);
		return out.toByteArray();
	}

	/**
	 * A PNG whose header declares the given size: signature, IHDR and IEND, no pixels at
	 * all.
	 */
	public static byte[] pngHeader(int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2);
		writeChunk(out, "IHDR", Arrays.copyOf(ihdr.array(), 13));
		writeChunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	/**
	 * The smallest real PNG: 1 x 1, one gray pixel of the given value (so many of them
	 * can differ).
	 */
	public static byte[] tinyPng(int value) {
		BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
		image.getRaster().setSample(0, 0, 0, value & 0xff);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			javax.imageio.ImageIO.write(image, "png", out);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/**
	 * A valid PNG whose pixels are all zero, as small as deflate makes it: the decode
	 * bomb of issue 13 is {@code blankPng(10000, 10000, 16, 6, 6)}, 800 MB of 16-bit RGBA
	 * in under 1 MB.
	 * @param bitDepth 1, 2, 4, 8 or 16, as the colour type allows
	 * @param colourType 0 gray, 2 RGB, 4 gray and alpha, 6 RGBA
	 * @param orientation the EXIF orientation of an eXIf chunk, or 1 for none
	 */
	public static byte[] blankPng(int width, int height, int bitDepth, int colourType, int orientation) {
		int channels = switch (colourType) {
			case 2 -> 3;
			case 4 -> 2;
			case 6 -> 4;
			default -> 1;
		};
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		ByteBuffer ihdr = ByteBuffer.allocate(13)
			.putInt(width)
			.putInt(height)
			.put((byte) bitDepth)
			.put((byte) colourType);
		writeChunk(out, "IHDR", ihdr.array());
		if (orientation != 1) {
			// a little-endian TIFF header and IFD0 with only the Orientation tag
			ByteBuffer tiff = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN);
			tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
			tiff.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1);
			tiff.putShort((short) orientation).putShort((short) 0).putInt(0);
			writeChunk(out, "eXIf", tiff.array());
		}
		byte[] row = new byte[1 + (int) (((long) width * channels * bitDepth + 7) / 8)];
		Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		byte[] buffer = new byte[64 * 1024];
		for (int y = 0; y < height; y++) {
			deflater.setInput(row);
			while (!deflater.needsInput()) {
				idat.write(buffer, 0, deflater.deflate(buffer));
			}
		}
		deflater.finish();
		while (!deflater.finished()) {
			idat.write(buffer, 0, deflater.deflate(buffer));
		}
		deflater.end();
		writeChunk(out, "IDAT", idat.toByteArray());
		writeChunk(out, "IEND", new byte[0]);
		return out.toByteArray();
	}

	private static void writeChunk(ByteArrayOutputStream out, String type, byte[] data) {
		byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
		out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
		out.writeBytes(typeBytes);
		out.writeBytes(data);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
	}

}
