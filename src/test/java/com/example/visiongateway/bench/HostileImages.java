package com.example.visiongateway.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Small files whose headers lie: a length field that claims far more than the file holds,
 * or a legal but huge run of metadata segments before the image.
 */
final class HostileImages {

	/** Just under 2 GiB, the largest length a signed 32-bit reader accepts. */
	static final int TWO_GB = 0x7FFF_FFF0;

	/** 256 APP1 segments of the largest size a segment can have: 16.8 MB. */
	static final int FLOOD_SEGMENTS = 256;

	private HostileImages() {
	}

	/**
	 * A valid 100 x 100 IHDR, then a tEXt chunk claiming 2 GB with 64 bytes behind it.
	 */
	static byte[] pngClaiming2GbChunk() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
		byte[] ihdr = { 0, 0, 0, 100, 0, 0, 0, 100, 8, 2, 0, 0, 0 };
		be32(out, ihdr.length);
		byte[] typeAndData = concat("IHDR".getBytes(StandardCharsets.US_ASCII), ihdr);
		out.writeBytes(typeAndData);
		CRC32 crc = new CRC32();
		crc.update(typeAndData);
		be32(out, (int) crc.getValue());
		be32(out, TWO_GB);
		out.writeBytes("tEXt".getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(new byte[64]);
		return out.toByteArray();
	}

	/** A VP8X header (100 x 100, EXIF flagged), then an EXIF chunk claiming 2 GB. */
	static byte[] webpClaiming2GbChunk() {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
		body.writeBytes("VP8X".getBytes(StandardCharsets.US_ASCII));
		le32(body, 10);
		// flags: EXIF present; canvas 100 x 100, stored minus one in 24 bits each
		body.writeBytes(new byte[] { 0x08, 0, 0, 0, 99, 0, 0, 99, 0, 0 });
		body.writeBytes("EXIF".getBytes(StandardCharsets.US_ASCII));
		le32(body, TWO_GB);
		body.writeBytes(new byte[64]);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
		le32(out, body.size());
		out.writeBytes(body.toByteArray());
		return out.toByteArray();
	}

	/**
	 * A 100 x 100 baseline JPEG whose header carries {@link #FLOOD_SEGMENTS} APP1
	 * segments of 65,533 bytes each (neither Exif nor XMP), then a frame, a scan and EOI.
	 */
	static byte[] jpegWithApp1Flood() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xD8 });
		byte[] payload = new byte[65_533];
		byte[] ident = "FLOOD\0".getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(ident, 0, payload, 0, ident.length);
		for (int i = 0; i < FLOOD_SEGMENTS; i++) {
			out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xE1, (byte) 0xFF, (byte) 0xFF });
			out.writeBytes(payload);
		}
		// SOF0: 8-bit, 100 x 100, one component
		out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 100, 0, 100, 1, 1, 0x11, 0 });
		// SOS: one component, then a few bytes of scan data and EOI
		out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0 });
		out.writeBytes(new byte[] { 0x12, 0x34, 0x56, (byte) 0xFF, (byte) 0xD9 });
		return out.toByteArray();
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] both = new byte[a.length + b.length];
		System.arraycopy(a, 0, both, 0, a.length);
		System.arraycopy(b, 0, both, a.length, b.length);
		return both;
	}

	private static void be32(ByteArrayOutputStream out, int value) {
		out.write(value >>> 24);
		out.write(value >>> 16);
		out.write(value >>> 8);
		out.write(value);
	}

	private static void le32(ByteArrayOutputStream out, int value) {
		out.write(value);
		out.write(value >>> 8);
		out.write(value >>> 16);
		out.write(value >>> 24);
	}

}
