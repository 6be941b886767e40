package com.example.visiongateway.spatial;

import java.util.ArrayList;
import java.util.List;

/** Encodes a box mask in the requested {@link MaskFormat}, with its pixel count. */
final class MaskEncodings {

	/** No vertex of a polygon moves further than this, in pixels. */
	static final double POLYGON_TOLERANCE = 0.5;

	private MaskEncodings() {
	}

	/**
	 * An encoded mask.
	 *
	 * @param mask the mask in the requested form
	 * @param area its number of set pixels
	 */
	record Encoded(DetectionMask mask, long area) {
	}

	static Encoded encode(MaskFormat format, int imageWidth, int imageHeight, PixelBox box, BoxMask mask) {
		if (format == MaskFormat.RLE) {
			CocoRleCodec.EncodedMask rle = CocoRleCodec.encode(imageWidth, imageHeight, box, mask);
			return new Encoded(rle.rle(), rle.area());
		}
		BoxBits bits = BoxBits.of(mask);
		if (format == MaskFormat.PNG) {
			return new Encoded(MaskPictures.png(box, bits), bits.area());
		}
		List<int[]> polygons = new ArrayList<>();
		for (int[] ring : ContourTracer.outerContours(bits, box.x1(), box.y1())) {
			polygons.add(RingSimplifier.simplify(ring, POLYGON_TOLERANCE));
		}
		return new Encoded(new PolygonOutline(polygons), bits.area());
	}

}
