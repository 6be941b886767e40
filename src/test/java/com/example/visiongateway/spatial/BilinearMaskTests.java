package com.example.visiongateway.spatial;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BilinearMaskTests {

	/**
	 * Source 0, 200 upscaled from 2 to 4 pixels samples at -0.25, 0.25, 0.75, 1.25, so by hand
	 * the values are 0 (edge), 50, 150, 200 (edge).
	 */
	@ParameterizedTest
	@CsvSource({ "0, .###", "49, .###", "50, ..##", "149, ..##", "150, ...#", "199, ...#", "200, ...." })
	void setsPixelsStrictlyAboveTheThresholdAfterUpscaling(int threshold, String expected) {
		MaskRaster source = new MaskRaster(2, 1, new byte[] { 0, (byte) 200 });
		assertThat(render(new BilinearMask(source, 4, 1, threshold))).isEqualTo(expected);
	}

	/**
	 * Source [[0, 100], [100, 200]] to 4 x 4: each axis samples at 0 (edge), 0.25, 0.75, 1 (edge),
	 * and the map is 100 * (sx + sy), so by hand the values are
	 * <pre>
	 *   0  25  75 100
	 *  25  50 100 125
	 *  75 100 150 175
	 * 100 125 175 200
	 * </pre>
	 */
	@Test
	void interpolatesBothAxesPixelCentreAligned() {
		MaskRaster source = new MaskRaster(2, 2, new byte[] { 0, 100, 100, (byte) 200 });
		assertThat(render(new BilinearMask(source, 4, 4, 100))).isEqualTo("..../...#/..##/.###");
		assertThat(render(new BilinearMask(source, 4, 4, 99))).isEqualTo("...#/..##/.###/####");
		assertThat(render(new BilinearMask(source, 4, 4, 49))).isEqualTo("..##/.###/####/####");
	}

	@Test
	void keepsAMaskOfTheBoxSizeAsItIs() {
		MaskRaster source = new MaskRaster(3, 2, new byte[] { 0, (byte) 255, 0, (byte) 128, 0, (byte) 127 });
		assertThat(render(new BilinearMask(source, 3, 2, 127))).isEqualTo(".#./#..");
	}

	@Test
	void stretchesASinglePixelOverTheWholeBox() {
		MaskRaster source = new MaskRaster(1, 1, new byte[] { (byte) 128 });
		assertThat(render(new BilinearMask(source, 3, 2, 127))).isEqualTo("###/###");
		assertThat(render(new BilinearMask(source, 3, 2, 128))).isEqualTo(".../...");
	}

	@Test
	void samplesTwoSourcePixelsWhenDownscaling() {
		// 4 -> 2 samples at 0.5 and 2.5: (0 + 100) / 2 and (200 + 255) / 2.
		MaskRaster source = new MaskRaster(4, 1, new byte[] { 0, 100, (byte) 200, (byte) 255 });
		assertThat(render(new BilinearMask(source, 2, 1, 49))).isEqualTo("##");
		assertThat(render(new BilinearMask(source, 2, 1, 50))).isEqualTo(".#");
		assertThat(render(new BilinearMask(source, 2, 1, 227))).isEqualTo(".#");
		assertThat(render(new BilinearMask(source, 2, 1, 228))).isEqualTo("..");
	}

	/** Rows top to bottom separated by '/', '#' for a set pixel. */
	static String render(BilinearMask mask) {
		char[][] rows = new char[mask.height()][mask.width()];
		boolean[] column = new boolean[mask.height()];
		for (int x = 0; x < mask.width(); x++) {
			mask.column(x, column);
			for (int y = 0; y < mask.height(); y++) {
				rows[y][x] = column[y] ? '#' : '.';
			}
		}
		StringBuilder text = new StringBuilder();
		for (char[] row : rows) {
			text.append(text.isEmpty() ? "" : "/").append(row);
		}
		return text.toString();
	}

}
