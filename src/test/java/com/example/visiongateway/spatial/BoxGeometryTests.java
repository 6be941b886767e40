package com.example.visiongateway.spatial;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BoxGeometryTests {

	@Test
	void convertsTheContractExample() {
		BoxGeometry.Converted box = BoxGeometry.convert(box("120", "80", "940", "610"), 451, 300);
		assertThat(box.box2d()).containsExactly(120, 80, 940, 610);
		assertThat(box.pixels().toList()).containsExactly(36, 36, 275, 282);
		assertThat(box.clamped()).isFalse();
		assertThat(box.swapped()).isFalse();
	}

	@Test
	void scalesExactlyWhereFloatingPointFallsShort() {
		// The trap the contract names: 290 / 1000 * 100 is 28.999999999999996 in doubles.
		assertThat((int) Math.floor(290 / 1000.0 * 100)).isEqualTo(28);
		assertThat(BoxGeometry.scale(290, 100)).isEqualTo(29);
		BoxGeometry.Converted box = BoxGeometry.convert(box("290", "290", "1000", "1000"), 100, 100);
		assertThat(box.pixels().toList()).containsExactly(29, 29, 100, 100);
	}

	@Test
	void mapsTheFullRangeOntoTheWholeImageWithExclusiveEnds() {
		BoxGeometry.Converted box = BoxGeometry.convert(box("0", "0", "1000", "1000"), 640, 427);
		assertThat(box.pixels().toList()).containsExactly(0, 0, 640, 427);
		assertThat(box.pixels().width()).isEqualTo(640);
	}

	@Test
	void clampsCoordinatesIntoTheNormalizedRange() {
		BoxGeometry.Converted box = BoxGeometry.convert(box("-5", "10", "1200", "500"), 200, 100);
		assertThat(box.clamped()).isTrue();
		assertThat(box.box2d()).containsExactly(0, 10, 1000, 500);
		assertThat(box.pixels().toList()).containsExactly(2, 0, 100, 100);
	}

	@Test
	void swapsInvertedPairs() {
		BoxGeometry.Converted box = BoxGeometry.convert(box("900", "800", "100", "200"), 1000, 1000);
		assertThat(box.swapped()).isTrue();
		assertThat(box.clamped()).isFalse();
		assertThat(box.box2d()).containsExactly(100, 200, 900, 800);
		assertThat(box.pixels().toList()).containsExactly(200, 100, 800, 900);
	}

	@Test
	void floorsFloatCoordinatesOnTheirDecimalValue() {
		BoxGeometry.Converted box = BoxGeometry.convert(box("120.9", "80.5", "940.2", "610.99"), 451, 300);
		assertThat(box.box2d()).containsExactly(120, 80, 940, 610);
		assertThat(box.pixels().toList()).containsExactly(36, 36, 275, 282);
	}

	@Test
	void floorsADecimalThatADoubleWouldRoundUp() {
		String justBelow = "289.99999999999999999";
		assertThat(Double.parseDouble(justBelow)).isEqualTo(290.0);
		BoxGeometry.Converted box = BoxGeometry.convert(box(justBelow, "0", "1000", "1000"), 100, 100);
		assertThat(box.box2d().get(0)).isEqualTo(289);
		assertThat(box.pixels().y1()).isEqualTo(28);
	}

	@Test
	void reportsABoxWithoutWidthAsEmpty() {
		BoxGeometry.Converted box = BoxGeometry.convert(box("100", "500", "900", "500"), 300, 300);
		assertThat(box.pixels().isEmpty()).isTrue();
	}

	@Test
	void reportsABoxThinnerThanAPixelAsEmpty() {
		// 5/1000 of 100 pixels floors to 0 on both sides.
		BoxGeometry.Converted box = BoxGeometry.convert(box("0", "0", "5", "5"), 100, 100);
		assertThat(box.pixels().toList()).containsExactly(0, 0, 0, 0);
		assertThat(box.pixels().isEmpty()).isTrue();
	}

	private static List<BigDecimal> box(String... values) {
		return Arrays.stream(values).map(BigDecimal::new).toList();
	}

}
