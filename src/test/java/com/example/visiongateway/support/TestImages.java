package com.example.visiongateway.support;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;

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
