package com.example.visiongateway.spatial;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden test against PIL: {@code src/test/resources/pil-bilinear/cases.txt} holds masks
 * and what Pillow's {@code Image.resize(size, BILINEAR)} made of them (see
 * {@code make_fixtures.py} there). Every resized 8-bit value must match byte for byte,
 * and every thresholded column (the fast paths) must agree with PIL's values.
 */
class BilinearMaskPilTests {

	private static final int[] THRESHOLDS = { 0, 63, 127, 128, 200, 254 };

	/** One case: the source values and PIL's output, row by row. */
	record Case(String name, MaskRaster source, int width, int height, byte[] expected) {

		@Override
		public String toString() {
			return this.name + " " + this.source.width() + "x" + this.source.height() + " -> " + this.width + "x"
					+ this.height;
		}

	}

	static Stream<Case> cases() throws IOException {
		List<String> lines;
		try (InputStream in = BilinearMaskPilTests.class.getResourceAsStream("/pil-bilinear/cases.txt")) {
			lines = new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
				.filter((line) -> !line.startsWith("#"))
				.toList();
		}
		List<Case> cases = new ArrayList<>();
		int i = 0;
		while (i < lines.size()) {
			String[] header = lines.get(i++).split(" ");
			int sourceWidth = Integer.parseInt(header[1]);
			int sourceHeight = Integer.parseInt(header[2]);
			int width = Integer.parseInt(header[3]);
			int height = Integer.parseInt(header[4]);
			byte[] source = rows(lines, i, sourceHeight);
			i += sourceHeight;
			byte[] expected = rows(lines, i, height);
			i += height;
			cases.add(new Case(header[0], new MaskRaster(sourceWidth, sourceHeight, source), width, height, expected));
		}
		assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void resizesExactlyAsPil(Case c) {
		BilinearMask mask = new BilinearMask(c.source(), c.width(), c.height(), 127);

		byte[] actual = new byte[c.width() * c.height()];
		for (int y = 0; y < c.height(); y++) {
			for (int x = 0; x < c.width(); x++) {
				actual[y * c.width() + x] = (byte) mask.value(x, y);
			}
		}
		assertThat(HexFormat.of().formatHex(actual)).isEqualTo(HexFormat.of().formatHex(c.expected()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void thresholdsPilsValuesInEveryColumn(Case c) {
		for (int threshold : THRESHOLDS) {
			BilinearMask mask = new BilinearMask(c.source(), c.width(), c.height(), threshold);
			boolean[] column = new boolean[c.height()];
			for (int x = 0; x < c.width(); x++) {
				mask.column(x, column);
				for (int y = 0; y < c.height(); y++) {
					boolean expected = (c.expected()[y * c.width() + x] & 0xFF) > threshold;
					if (column[y] != expected) {
						assertThat(column[y]).as("threshold %d, pixel %d, %d", threshold, x, y).isEqualTo(expected);
					}
				}
			}
		}
	}

	private static byte[] rows(List<String> lines, int from, int count) {
		StringBuilder hex = new StringBuilder();
		for (int k = from; k < from + count; k++) {
			hex.append(lines.get(k));
		}
		return HexFormat.of().parseHex(hex);
	}

}
