package com.example.visiongateway.spatial;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class BilinearMaskTests {

	/**
	 * Source 0, 200 upscaled from 2 to 4 pixels samples at -0.25, 0.25, 0.75, 1.25, so by
	 * hand the values are 0 (edge), 50, 150, 200 (edge).
	 */
	@ParameterizedTest
	@CsvSource({ "0, .###", "49, .###", "50, ..##", "149, ..##", "150, ...#", "199, ...#", "200, ...." })
	void setsPixelsStrictlyAboveTheThresholdAfterUpscaling(int threshold, String expected) {
		MaskRaster source = new MaskRaster(2, 1, new byte[] { 0, (byte) 200 });
		assertThat(render(new BilinearMask(source, 4, 1, threshold))).isEqualTo(expected);
	}

	/**
	 * Source [[0, 100], [100, 200]] to 4 x 4: each axis samples at 0 (edge), 0.25, 0.75,
	 * 1 (edge), and the map is 100 * (sx + sy), so by hand the values are <pre>
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

	/**
	 * 4 -> 2 widens the triangle to support 2: output 0 is centred at 1.0 and weighs
	 * source 0, 1, 2 by 0.75, 0.75, 0.25 (normalized by 1.75), giving 500 / 7 = 71.4 ->
	 * 71; output 1, centred at 3.0, weighs 1, 2, 3 by 0.25, 0.75, 0.75: 1465 / 7 = 209.3
	 * -> 209.
	 */
	@Test
	void averagesWhenDownscaling() {
		MaskRaster source = new MaskRaster(4, 1, new byte[] { 0, 100, (byte) 200, (byte) 255 });
		BilinearMask mask = new BilinearMask(source, 2, 1, 0);
		assertThat(mask.value(0, 0)).isEqualTo(71);
		assertThat(mask.value(1, 0)).isEqualTo(209);
		assertThat(render(new BilinearMask(source, 2, 1, 70))).isEqualTo("##");
		assertThat(render(new BilinearMask(source, 2, 1, 71))).isEqualTo(".#");
	}

	/** Thirds of 100 are rounded to the nearest 8-bit value: 33.3 -> 33, 66.7 -> 67. */
	@Test
	void roundsTheResultToEightBitsLikePil() {
		MaskRaster source = new MaskRaster(2, 1, new byte[] { 0, 100 });
		BilinearMask mask = new BilinearMask(source, 6, 1, 0);
		// Centres 1/6, 1/2, 5/6, 7/6, 3/2, 11/6 minus 0.5: weights of pixel 1 are 0, 0,
		// 1/3, 2/3, 1, 1.
		assertThat(IntStream.range(0, 6).map((x) -> mask.value(x, 0))).containsExactly(0, 0, 33, 67, 100, 100);
	}

	@Test
	void thresholdsEveryColumnExactlyAsItsEightBitValues() {
		Random random = new Random(11);
		for (int trial = 0; trial < 200; trial++) {
			byte[] values = new byte[(1 + random.nextInt(20)) * (1 + random.nextInt(20))];
			random.nextBytes(values);
			int sourceWidth = 1 + random.nextInt(20);
			MaskRaster source = new MaskRaster(sourceWidth, 1, Arrays.copyOf(values, sourceWidth));
			MaskRaster tall = new MaskRaster(1, values.length, values);
			for (MaskRaster raster : new MaskRaster[] { source, tall }) {
				int width = 1 + random.nextInt(50);
				int height = 1 + random.nextInt(50);
				int threshold = random.nextInt(255);
				BilinearMask mask = new BilinearMask(raster, width, height, threshold);
				boolean[] column = new boolean[height];
				for (int x = 0; x < width; x++) {
					mask.column(x, column);
					for (int y = 0; y < height; y++) {
						assertThat(column[y]).as("trial %d at %d, %d", trial, x, y)
							.isEqualTo(mask.value(x, y) > threshold);
					}
				}
			}
		}
	}

	@Test
	void decidesFlatRunsExactlyAsPixelByPixel() {
		// Flat regions take the whole-run path; values at and around the threshold test
		// its bounds.
		Random random = new Random(23);
		int[] palette = { 0, 255, 126, 127, 128 };
		for (int trial = 0; trial < 300; trial++) {
			int sourceWidth = 1 + random.nextInt(16);
			int sourceHeight = 1 + random.nextInt(16);
			byte[] values = new byte[sourceWidth * sourceHeight];
			for (int i = 0; i < values.length; i++) {
				values[i] = (byte) palette[(random.nextInt(4) == 0) ? random.nextInt(palette.length) : (i / 7) % 2];
			}
			int width = 1 + random.nextInt(120);
			int height = 1 + random.nextInt(120);
			int threshold = (random.nextBoolean()) ? 127 : random.nextInt(255);
			BilinearMask mask = new BilinearMask(new MaskRaster(sourceWidth, sourceHeight, values), width, height,
					threshold);
			boolean[] column = new boolean[height];
			for (int x = 0; x < width; x++) {
				mask.column(x, column);
				for (int y = 0; y < height; y++) {
					assertThat(column[y]).as("trial %d at %d, %d", trial, x, y).isEqualTo(mask.value(x, y) > threshold);
				}
			}
		}
	}

	@Test
	void computesColumnsOnDemandExactlyAsThePrecomputedPass() {
		Random random = new Random(31);
		for (int trial = 0; trial < 100; trial++) {
			int sourceWidth = 1 + random.nextInt(20);
			int sourceHeight = 1 + random.nextInt(20);
			byte[] values = new byte[sourceWidth * sourceHeight];
			random.nextBytes(values);
			MaskRaster source = new MaskRaster(sourceWidth, sourceHeight, values);
			int width = 1 + random.nextInt(60);
			int height = 1 + random.nextInt(60);
			int threshold = random.nextInt(255);
			BilinearMask whole = new BilinearMask(source, width, height, threshold, Long.MAX_VALUE);
			BilinearMask onDemand = new BilinearMask(source, width, height, threshold, 0);
			assertThat(render(onDemand)).as("trial %d", trial).isEqualTo(render(whole));
			assertThat(onDemand.value(width - 1, height - 1)).isEqualTo(whole.value(width - 1, height - 1));
		}
	}

	@Test
	void resizesAMaskOntoABoxTooWideForAnIntProduct() {
		// 600000 x 4096 is 2.46e9: the horizontal pass would not fit an int, nor the heap
		byte[] values = new byte[4096];
		for (int y = 0; y < 4096; y++) {
			values[y] = (byte) ((y < 2048) ? 255 : 0);
		}
		BilinearMask mask = new BilinearMask(new MaskRaster(1, 4096, values), 600_000, 166, 127);
		boolean[] column = new boolean[166];
		mask.column(599_999, column);
		assertThat(column[0]).isTrue();
		assertThat(column[165]).isFalse();
		assertThat(BilinearMask.work(1, 4096, 600_000, 166))
			.isEqualTo(4096L + 600_000L * (4096 + 166) + 28L * (600_000 + 166) + 8L * 4097);
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
