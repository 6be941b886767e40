package com.example.visiongateway.spatial;

/**
 * A thresholded mask at the size of its pixel box, read column by column. Where the mask
 * came from (a probability map resized like PIL, a polygon rasterised) does not matter to
 * what is made of it (COCO RLE, a PNG, polygons).
 */
interface BoxMask {

	int width();

	int height();

	/**
	 * Compute one column of the mask.
	 * @param x the column, 0 to width - 1
	 * @param out receives {@code height} values, top to bottom; {@code true} where the
	 * mask is set
	 */
	void column(int x, boolean[] out);

}
