package com.example.visiongateway.image;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Builds minimal but well-formed image headers, so tests can vary one field at a time.
 */
final class CraftedImages {

	private CraftedImages() {
	}

	static byte[] png(long width, long height, byte[]... chunksBeforeData) {
		Bytes png = new Bytes().raw(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
		png.add(pngChunk("IHDR", new Bytes().u32(width).u32(height).raw(8, 2, 0, 0, 0).toArray()));
		for (byte[] chunk : chunksBeforeData) {
			png.add(chunk);
		}
		png.add(pngChunk("IDAT", new byte[] { 0x78, 0x01, 0x01, 0x00, 0x00, (byte) 0xFF, (byte) 0xFF }));
		return png.add(pngChunk("IEND", new byte[0])).toArray();
	}

	static byte[] pngChunk(String type, byte[] data) {
		CRC32 crc = new CRC32();
		crc.update(ascii(type));
		crc.update(data);
		return new Bytes().u32(data.length).ascii(type).add(data).u32(crc.getValue()).toArray();
	}

	/** A TIFF header and IFD0 holding only the Orientation tag. */
	static byte[] exifTiff(boolean littleEndian, int orientation) {
		Bytes tiff = new Bytes().littleEndian(littleEndian);
		tiff.ascii(littleEndian ? "II" : "MM").u16(42).u32(8);
		tiff.u16(1).u16(0x0112).u16(3).u32(1).u16(orientation).u16(0);
		return tiff.u32(0).toArray();
	}

	static byte[] webp(byte[]... chunks) {
		Bytes body = new Bytes().ascii("WEBP");
		for (byte[] chunk : chunks) {
			body.add(chunk);
		}
		byte[] content = body.toArray();
		return new Bytes().littleEndian(true).ascii("RIFF").u32(content.length).add(content).toArray();
	}

	static byte[] riffChunk(String fourCc, byte[] data) {
		Bytes chunk = new Bytes().littleEndian(true).ascii(fourCc).u32(data.length).add(data);
		return ((data.length & 1) == 1) ? chunk.raw(0).toArray() : chunk.toArray();
	}

	static byte[] vp8l(int width, int height) {
		long bits = (width - 1) | ((long) (height - 1) << 14);
		return riffChunk("VP8L", new Bytes().littleEndian(true).raw(0x2F).u32(bits).raw(0, 0, 0).toArray());
	}

	static byte[] vp8x(int flags, int width, int height) {
		return riffChunk("VP8X",
				new Bytes().littleEndian(true).raw(flags, 0, 0, 0).u24(width - 1).u24(height - 1).toArray());
	}

	static byte[] box(String type, byte[]... contents) {
		Bytes payload = new Bytes();
		for (byte[] content : contents) {
			payload.add(content);
		}
		byte[] bytes = payload.toArray();
		return new Bytes().u32(bytes.length + 8).ascii(type).add(bytes).toArray();
	}

	static byte[] fullBox(String type, int version, int flags, byte[]... contents) {
		byte[][] all = new byte[contents.length + 1][];
		all[0] = new Bytes().raw(version).u24(flags).toArray();
		System.arraycopy(contents, 0, all, 1, contents.length);
		return box(type, all);
	}

	static byte[] ftyp(String major, String... compatible) {
		Bytes payload = new Bytes().ascii(major).u32(0);
		for (String brand : compatible) {
			payload.ascii(brand);
		}
		return box("ftyp", payload.toArray());
	}

	/**
	 * A HEIF file whose primary item (id 1) has an ispe of the given size plus the given
	 * extra properties in order; a second item (id 2) has a different, decoy size listed
	 * first.
	 */
	static byte[] heif(byte[] ftyp, long width, long height, byte[]... primaryProperties) {
		Bytes properties = new Bytes().add(ispe(64, 48)).add(ispe(width, height));
		for (byte[] property : primaryProperties) {
			properties.add(property);
		}
		Bytes primaryIndexes = new Bytes().raw(1 + primaryProperties.length).raw(2);
		for (int i = 0; i < primaryProperties.length; i++) {
			primaryIndexes.raw(0x80 | (3 + i));
		}
		byte[] ipma = fullBox("ipma", 0, 0,
				new Bytes().u32(2).u16(2).raw(1, 1).u16(1).add(primaryIndexes.toArray()).toArray());
		byte[] meta = fullBox("meta", 0, 0,
				fullBox("hdlr", 0, 0, new Bytes().u32(0).ascii("pict").u32(0).u32(0).u32(0).raw(0).toArray()),
				fullBox("pitm", 0, 0, new Bytes().u16(1).toArray()),
				box("iprp", box("ipco", properties.toArray()), ipma));
		return new Bytes().add(ftyp).add(meta).add(box("mdat", new byte[32])).toArray();
	}

	static byte[] ispe(long width, long height) {
		return fullBox("ispe", 0, 0, new Bytes().u32(width).u32(height).toArray());
	}

	static byte[] irot(int quarters) {
		return box("irot", new byte[] { (byte) quarters });
	}

	static byte[] imir(int axis) {
		return box("imir", new byte[] { (byte) axis });
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A little byte writer, big-endian unless told otherwise. */
	static final class Bytes {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		private boolean little;

		Bytes littleEndian(boolean little) {
			this.little = little;
			return this;
		}

		Bytes raw(int... values) {
			for (int value : values) {
				this.out.write(value);
			}
			return this;
		}

		Bytes add(byte[] bytes) {
			this.out.writeBytes(bytes);
			return this;
		}

		Bytes ascii(String text) {
			return add(CraftedImages.ascii(text));
		}

		Bytes u16(long value) {
			return number(value, 2);
		}

		Bytes u24(long value) {
			return number(value, 3);
		}

		Bytes u32(long value) {
			return number(value, 4);
		}

		private Bytes number(long value, int length) {
			for (int i = 0; i < length; i++) {
				int shift = this.little ? 8 * i : 8 * (length - 1 - i);
				this.out.write((int) (value >>> shift) & 0xFF);
			}
			return this;
		}

		byte[] toArray() {
			return this.out.toByteArray();
		}

	}

}
