package com.example.visiongateway.spatial;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContourTracerTests {

	@Test
	void outlinesOnePixelByItsFourCornersClockwiseInImageCoordinates() {
		List<int[]> rings = ContourTracer.outerContours(BoxBits.of(MaskGrids.of("...#/....")), 10, 20);

		assertThat(rings).hasSize(1);
		// Pixel (3, 0) of a box at (10, 20): corners (13, 20) to (14, 21).
		assertThat(rings.get(0)).containsExactly(14, 20, 14, 21, 13, 21, 13, 20);
	}

	@Test
	void putsAVertexOnlyWhereTheOutlineTurns() {
		List<int[]> rings = ContourTracer.outerContours(BoxBits.of(MaskGrids.of("###./###./#.../#...")), 0, 0);

		// An L: six corners, whatever the length of its sides.
		assertThat(rings).hasSize(1);
		assertThat(rings.get(0)).containsExactly(3, 0, 3, 2, 1, 2, 1, 4, 0, 4, 0, 0);
	}

	@Test
	void separatesPartsThatTouchOnlyAtACorner() {
		List<int[]> rings = ContourTracer.outerContours(BoxBits.of(MaskGrids.of("#./.#")), 0, 0);

		assertThat(rings).hasSize(2);
		assertThat(rings.get(0)).containsExactly(1, 0, 1, 1, 0, 1, 0, 0);
		assertThat(rings.get(1)).containsExactly(2, 1, 2, 2, 1, 2, 1, 1);
	}

	@Test
	void dropsHolesAndKeepsTheOuterRingOfAPartAroundThem() {
		BoxMask mask = MaskGrids.of("#####/#...#/#.#.#/#...#/#####");

		List<int[]> rings = ContourTracer.outerContours(BoxBits.of(mask), 0, 0);

		// The frame and the island inside its hole are two parts; the hole itself is no
		// ring.
		assertThat(rings).hasSize(2);
		assertThat(rings.get(0)).containsExactly(5, 0, 5, 5, 0, 5, 0, 0);
		assertThat(rings.get(1)).containsExactly(3, 2, 3, 3, 2, 3, 2, 2);
	}

	@Test
	void enclosesExactlyThePixelsOfEachPartWithHolesFilled() {
		String rows = ".##..#####/" + "####.#...#/" + ".#.#.#.#.#/" + "..##.#####/" + "#.........";
		BoxMask mask = MaskGrids.of(rows);

		List<int[]> rings = ContourTracer.outerContours(BoxBits.of(mask), 0, 0);

		boolean[] filled = MaskGrids.rasterise(rings, 0, 0, 10, 5);
		// The right part's holes fill; pixel (2, 2) is no hole: it reaches the outside
		// diagonally, past (1, 3).
		String expected = ".##..#####/" + "####.#####/" + ".#.#.#####/" + "..##.#####/" + "#.........";
		assertThat(filled).containsExactly(MaskGrids.pixels(MaskGrids.of(expected)));
	}

	@Test
	void findsNothingInAnEmptyMask() {
		assertThat(ContourTracer.outerContours(BoxBits.of(MaskGrids.of("..../....")), 0, 0)).isEmpty();
	}

	@Test
	void outlinesAPartWiderThanOneWordOfBits() {
		String row = "#".repeat(130);
		List<int[]> rings = ContourTracer.outerContours(BoxBits.of(MaskGrids.of(row + "/" + row)), 0, 0);

		assertThat(rings).hasSize(1);
		assertThat(rings.get(0)).containsExactly(130, 0, 130, 2, 0, 2, 0, 0);
	}

}
