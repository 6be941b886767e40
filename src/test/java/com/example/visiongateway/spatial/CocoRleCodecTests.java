package com.example.visiongateway.spatial;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static com.example.visiongateway.support.CocoRleDecoder.decode;
import static com.example.visiongateway.support.CocoRleDecoder.decodeCounts;
import static org.assertj.core.api.Assertions.assertThat;

class CocoRleCodecTests {

	/**
	 * A 3 x 3 image with pixels (x, y) = (1, 0), (1, 1), (2, 2) set. Column-major the
	 * bits are 000 110 001, so the runs are [3, 2, 3, 1]; the fourth count is written as
	 * 1 - 2 = -1, which is the single group 0x1f: '0' + 31 = 'O'.
	 */
	@Test
	void encodesA3x3MaskAsComputedByHand() {
		byte[] values = { 0, (byte) 255, 0, 0, (byte) 255, 0, 0, 0, (byte) 255 };
		CocoRleCodec.EncodedMask mask = encode(3, 3, new PixelBox(0, 0, 3, 3), new MaskRaster(3, 3, values));
		assertThat(mask.rle().size()).containsExactly(3, 3);
		assertThat(mask.rle().counts()).isEqualTo("323O");
		assertThat(mask.area()).isEqualTo(3);
	}

	/**
	 * A 5 wide, 4 high image with the box x 1..3, y 1..3 fully set: columns 0000 0110
	 * 0110 0000 0000 give runs [5, 2, 2, 2, 9], written as 5, 2, 2, 2 - 2 = 0, 9 - 2 = 7.
	 */
	@Test
	void placesTheMaskAtItsBoxInTheWholeImage() {
		CocoRleCodec.EncodedMask mask = encode(5, 4, new PixelBox(1, 1, 3, 3), filled(2, 2, 255));
		assertThat(mask.rle().size()).containsExactly(4, 5);
		assertThat(mask.rle().counts()).isEqualTo("52207");
		assertThat(mask.area()).isEqualTo(4);
	}

	/**
	 * 20 set pixels: [0, 20]. 20 is 0x14, whose bit 0x10 reads as a sign, so it needs a
	 * second, empty group: 'd' (0x14 | 0x20 plus 48) then '0'.
	 */
	@Test
	void startsWithAnEmptyZeroRunWhenTheFirstPixelIsSet() {
		CocoRleCodec.EncodedMask mask = encode(5, 4, new PixelBox(0, 0, 5, 4), filled(5, 4, 255));
		assertThat(mask.rle().counts()).isEqualTo("0d0");
		assertThat(mask.area()).isEqualTo(20);
	}

	@Test
	void encodesAnEmptyMaskAsOneRunOfZeros() {
		CocoRleCodec.EncodedMask mask = encode(5, 4, new PixelBox(1, 1, 3, 3), filled(2, 2, 0));
		assertThat(mask.rle().counts()).isEqualTo("d0");
		assertThat(mask.area()).isZero();
	}

	@Test
	void writesCountsInFiveBitGroupsLowFirst() {
		// 100 = 0b11_00100: low group 4 with "more" (36 + 48 = 'T'), then 3.
		assertThat(CocoRleCodec.countsString(new long[] { 100 })).isEqualTo("T3");
		// 12,000,000 zeros, the whole of an empty 4000 x 3000 image.
		assertThat(decodeCounts(CocoRleCodec.countsString(new long[] { 12_000_000 }))).containsExactly(12_000_000L);
	}

	@Test
	void roundTripsRandomMasksBitForBit() {
		Random random = new Random(20240611);
		for (int trial = 0; trial < 300; trial++) {
			int width = 1 + random.nextInt(40);
			int height = 1 + random.nextInt(40);
			int x1 = random.nextInt(width);
			int y1 = random.nextInt(height);
			PixelBox box = new PixelBox(x1, y1, x1 + 1 + random.nextInt(width - x1),
					y1 + 1 + random.nextInt(height - y1));
			double density = random.nextDouble();
			byte[] values = new byte[box.width() * box.height()];
			boolean[] expected = new boolean[width * height];
			long setPixels = 0;
			for (int y = 0; y < box.height(); y++) {
				for (int x = 0; x < box.width(); x++) {
					boolean set = random.nextDouble() < density;
					values[y * box.width() + x] = (byte) (set ? 128 + random.nextInt(128) : random.nextInt(128));
					expected[(box.y1() + y) * width + box.x1() + x] = set;
					setPixels += set ? 1 : 0;
				}
			}
			CocoRleCodec.EncodedMask mask = encode(width, height, box,
					new MaskRaster(box.width(), box.height(), values));
			assertThat(mask.rle().size()).containsExactly(height, width);
			assertThat(decode(mask.rle().counts(), height, width)).as("trial %d", trial).isEqualTo(expected);
			assertThat(mask.area()).isEqualTo(setPixels);
		}
	}

	@Test
	void readsBackWhatItWrites() {
		long[] counts = { 0, 5, 17, 3, 1, 40, 2, 1_000_000 };
		assertThat(CocoRleCodec.counts(CocoRleCodec.countsString(counts))).containsExactly(counts);
	}

	private static CocoRleCodec.EncodedMask encode(int width, int height, PixelBox box, MaskRaster raster) {
		return CocoRleCodec.encode(width, height, box, new BilinearMask(raster, box.width(), box.height(), 127));
	}

	private static MaskRaster filled(int width, int height, int value) {
		byte[] values = new byte[width * height];
		java.util.Arrays.fill(values, (byte) value);
		return new MaskRaster(width, height, values);
	}

}
