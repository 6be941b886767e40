package com.example.visiongateway.spatial;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class PolygonReaderTests {

	@Test
	void readsOneRingOfPointPairs() {
		RawMask.Polygons polygons = polygons("[[10, 20], [30, 40], [50, 60.5]]");
		assertThat(polygons.rings()).hasSize(1);
		assertThat(polygons.rings().get(0)).containsExactly(10, 20, 30, 40, 50, 60.5);
		assertThat(polygons.clampedPoints()).isZero();
	}

	@Test
	void readsSeveralRingsFlatListsNumericStringsAndWrappers() {
		assertThat(polygons("[[[0, 0], [10, 0], [10, 10]], [[20, 20], [30, 20], [30, 30], [20, 30]]]").rings())
			.hasSize(2);
		assertThat(polygons("[0, 0, 10, 0, 10, 10]").rings().get(0)).containsExactly(0, 0, 10, 0, 10, 10);
		assertThat(polygons("[[\"1\", \"2\"], [\"3\", 4], [5, 6]]").rings().get(0)).containsExactly(1, 2, 3, 4, 5, 6);
		assertThat(polygons("{\"points\": [[1, 2], [3, 4], [5, 6]]}").rings()).hasSize(1);
	}

	@Test
	void clampsPointsOntoTheFrameAndCountsThem() {
		RawMask.Polygons polygons = polygons("[[-5, 20], [1200, 40], [50, 60], [10, 1000.5]]");
		assertThat(polygons.rings().get(0)).containsExactly(0, 20, 1000, 40, 50, 60, 10, 1000);
		assertThat(polygons.clampedPoints()).isEqualTo(3);
	}

	@Test
	void dropsRingsThatEncloseNothing() {
		RawMask.Polygons polygons = polygons("[[[0, 0], [10, 10]], [[0, 0], [10, 0], [10, 10]]]");
		assertThat(polygons.rings()).hasSize(1);
		assertThat(polygons.droppedRings()).isEqualTo(1);
		assertThat(read("[[0, 0], [10, 10]]")).isInstanceOf(RawMask.Unreadable.class);
	}

	@Test
	void refusesWhatIsNoPolygon() {
		assertThat(read("[[1, 2, 3], [4, 5, 6], [7, 8, 9]]")).isInstanceOf(RawMask.Unreadable.class);
		assertThat(read("[[\"a\", 1], [2, 3], [4, 5]]")).isInstanceOf(RawMask.Unreadable.class);
		assertThat(read("[0, 1, 2, 3, 4]")).isInstanceOf(RawMask.Unreadable.class);
		assertThat(read("{\"kind\": \"none\"}")).isInstanceOf(RawMask.Unreadable.class);
		assertThat(read("42")).isInstanceOf(RawMask.Unreadable.class);
		assertThat(read("[]")).isInstanceOf(RawMask.Unreadable.class);
	}

	@Test
	void boundsThePointsOfOneMask() {
		StringBuilder many = new StringBuilder("[");
		for (int i = 0; i <= PolygonReader.MAX_POINTS; i++) {
			many.append((i > 0) ? "," : "").append("[1,2]");
		}
		RawMask mask = read(many.append("]").toString());
		assertThat(mask).isInstanceOf(RawMask.Unreadable.class);
		assertThat(((RawMask.Unreadable) mask).reason()).contains("more than " + PolygonReader.MAX_POINTS);
	}

	private static RawMask.Polygons polygons(String json) {
		RawMask mask = read(json);
		assertThat(mask).isInstanceOf(RawMask.Polygons.class);
		return (RawMask.Polygons) mask;
	}

	private static RawMask read(String json) {
		return PolygonReader.read(JsonMapper.shared().readTree(json));
	}

}
