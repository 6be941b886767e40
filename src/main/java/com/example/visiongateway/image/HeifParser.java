package com.example.visiongateway.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Walks the top-level ISO-BMFF boxes of a HEIC/HEIF file, checking that none runs past
 * the end, and reads the {@code meta} box to find the primary item's size and
 * orientation.
 */
final class HeifParser {

	private static final int MAX_TOP_LEVEL_BOXES = 1024;

	/**
	 * Item metadata is small even for tiled photos; anything bigger is refused rather
	 * than buffered.
	 */
	private static final int MAX_META = 1024 * 1024;

	private HeifParser() {
	}

	static ImageInfo parse(ImageInput in, ImageType type, PixelLimit limit) throws IOException {
		HeifMeta.Primary primary = null;
		for (int boxes = 0; in.remaining() > 0; boxes++) {
			if (boxes >= MAX_TOP_LEVEL_BOXES) {
				throw ImageProblems.unreadable("The HEIF file has too many top-level boxes.");
			}
			if (in.remaining() < 8) {
				throw ImageProblems.unreadable("The HEIF file is cut short inside a box header.");
			}
			long start = in.position();
			long size = in.u32be();
			String boxType = new String(in.read(4), StandardCharsets.ISO_8859_1);
			long header = 8;
			if (size == 1) {
				size = in.u64be();
				header = 16;
			}
			else if (size == 0) {
				size = in.size() - start;
			}
			if (size < header || size > in.size() - start) {
				throw ImageProblems.unreadable("The HEIF file is cut short: a box runs past its end.");
			}
			long payload = size - header;
			if (boxType.equals("meta") && primary == null) {
				if (payload > MAX_META) {
					throw ImageProblems.unreadable("The HEIF metadata is too large to inspect.");
				}
				primary = HeifMeta.primary(in.read((int) payload));
				limit.check(primary.width(), primary.height());
			}
			else {
				in.skip(payload);
			}
		}
		if (primary == null) {
			throw ImageProblems.unreadable("The HEIF file has no item metadata, so no dimensions.");
		}
		return new ImageInfo(type, (int) primary.width(), (int) primary.height(), primary.orientation());
	}

}
