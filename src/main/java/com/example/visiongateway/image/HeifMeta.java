package com.example.visiongateway.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the primary item's properties in a HEIF {@code meta} box: {@code pitm} names the
 * item, {@code ipma} lists its property indexes, {@code ipco} holds the properties. The
 * size is the primary item's {@code ispe} (a grid's output size, not a tile's), and the
 * orientation combines its {@code irot} and {@code imir} in the order they are listed, as
 * decoders apply them.
 */
final class HeifMeta {

	private static final int MAX_CHILDREN = 4096;

	private HeifMeta() {
	}

	/**
	 * @param meta the payload of the {@code meta} box, a full box
	 */
	static Primary primary(byte[] meta) {
		Data data = new Data(meta);
		long primaryId = -1;
		Box properties = null;
		List<Box> associations = new ArrayList<>();
		for (Box box : data.children(4, meta.length)) {
			if (box.is("pitm")) {
				primaryId = (data.u8(box.start()) == 0) ? data.u16(box.start() + 4) : data.u32(box.start() + 4);
			}
			else if (box.is("iprp")) {
				for (Box child : data.children(box.start(), box.end())) {
					if (child.is("ipco") && properties == null) {
						properties = child;
					}
					else if (child.is("ipma")) {
						associations.add(child);
					}
				}
			}
		}
		if (primaryId < 0 || properties == null) {
			throw ImageProblems.unreadable("The HEIF metadata names no primary image with properties.");
		}
		List<Box> propertyList = data.children(properties.start(), properties.end());
		long width = 0;
		long height = 0;
		Transform transform = Transform.IDENTITY;
		for (int index : propertyIndexes(data, associations, primaryId)) {
			if (index < 1 || index > propertyList.size()) {
				continue;
			}
			Box property = propertyList.get(index - 1);
			if (property.is("ispe") && property.length() >= 12 && width == 0) {
				width = data.u32(property.start() + 4);
				height = data.u32(property.start() + 8);
			}
			else if (property.is("irot") && property.length() >= 1) {
				transform = transform.rotateAnticlockwise(data.u8(property.start()) & 0x03);
			}
			else if (property.is("imir") && property.length() >= 1) {
				transform = transform.mirror((data.u8(property.start()) & 0x01) == 1);
			}
		}
		if (width == 0 || height == 0) {
			throw ImageProblems.unreadable("The HEIF primary image has no dimensions.");
		}
		return new Primary(width, height, transform.exifOrientation());
	}

	/** Property indexes are 1-based; 7 bits each, or 15 when flag bit 0 is set. */
	private static List<Integer> propertyIndexes(Data data, List<Box> associations, long itemId) {
		List<Integer> indexes = new ArrayList<>();
		for (Box ipma : associations) {
			int version = data.u8(ipma.start());
			boolean wide = (data.u8(ipma.start() + 3) & 0x01) != 0;
			int offset = ipma.start() + 4;
			long entries = data.u32(offset);
			offset += 4;
			// each entry takes at least three bytes, so the bounds checks end this loop
			for (long entry = 0; entry < entries; entry++) {
				long id = (version < 1) ? data.u16(offset) : data.u32(offset);
				offset += (version < 1) ? 2 : 4;
				int count = data.u8(offset++);
				for (int i = 0; i < count; i++) {
					int index = wide ? data.u16(offset) & 0x7FFF : data.u8(offset) & 0x7F;
					offset += wide ? 2 : 1;
					if (id == itemId) {
						indexes.add(index);
					}
				}
				if (offset > ipma.end()) {
					throw ImageProblems.unreadable("The HEIF property associations are malformed.");
				}
				if (id == itemId) {
					return indexes;
				}
			}
		}
		return indexes;
	}

	/**
	 * The primary image.
	 *
	 * @param width the primary item's width from its {@code ispe}
	 * @param height the primary item's height
	 * @param orientation the EXIF orientation equivalent to its transformative properties
	 */
	record Primary(long width, long height, int orientation) {
	}

	/** A child box's payload range within the meta bytes. */
	private record Box(String type, int start, int end) {

		boolean is(String name) {
			return this.type.equals(name);
		}

		int length() {
			return this.end - this.start;
		}

	}

	/**
	 * A display transform as "mirror left-right if {@code mirrored}, then turn
	 * anticlockwise by {@code turns} quarters"; every combination of irot and imir is one
	 * of these eight.
	 */
	private record Transform(boolean mirrored, int turns) {

		static final Transform IDENTITY = new Transform(false, 0);

		/** Indexed by turns: anticlockwise 0, 90, 180, 270 degrees. */
		private static final int[] PLAIN = { 1, 8, 3, 6 };

		private static final int[] MIRRORED = { 2, 5, 4, 7 };

		Transform rotateAnticlockwise(int quarters) {
			return new Transform(this.mirrored, (this.turns + quarters) & 3);
		}

		/**
		 * imir axis 1 swaps left and right (EXIF 2), axis 0 swaps top and bottom (EXIF
		 * 4), per ISO/IEC 23008-12:2022. A mirror after a turn equals the opposite turn
		 * after the mirror.
		 */
		Transform mirror(boolean leftRight) {
			int base = leftRight ? 0 : 2;
			return new Transform(!this.mirrored, (base - this.turns) & 3);
		}

		int exifOrientation() {
			return (this.mirrored ? MIRRORED : PLAIN)[this.turns];
		}

	}

	/**
	 * Bounds-checked big-endian reads: an offset outside the bytes makes the image
	 * unreadable.
	 */
	private record Data(byte[] bytes) {

		int u8(int offset) {
			if (offset < 0 || offset >= this.bytes.length) {
				throw ImageProblems.unreadable("The HEIF metadata is cut short.");
			}
			return this.bytes[offset] & 0xFF;
		}

		int u16(int offset) {
			return (u8(offset) << 8) | u8(offset + 1);
		}

		long u32(int offset) {
			return ((long) u16(offset) << 16) | u16(offset + 2);
		}

		/**
		 * A size of 0 runs to the end of the parent; 64-bit sizes cannot occur inside a 1
		 * MiB box.
		 */
		List<Box> children(int from, int to) {
			List<Box> boxes = new ArrayList<>();
			int offset = from;
			while (offset + 8 <= to && boxes.size() < MAX_CHILDREN) {
				long size = u32(offset);
				String type = new String(this.bytes, offset + 4, 4, StandardCharsets.ISO_8859_1);
				if (size == 0) {
					size = to - offset;
				}
				if (size < 8 || size > to - offset) {
					throw ImageProblems.unreadable("A HEIF metadata box runs past its parent.");
				}
				boxes.add(new Box(type, offset + 8, offset + (int) size));
				offset += (int) size;
			}
			return boxes;
		}

	}

}
