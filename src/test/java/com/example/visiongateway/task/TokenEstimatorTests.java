package com.example.visiongateway.task;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TokenEstimatorTests {

	@Test
	void countsSmallImagesAsOneTile() {
		assertThat(TokenEstimator.tiles(384, 384)).isEqualTo(1);
		assertThat(TokenEstimator.tiles(1, 1)).isEqualTo(1);
	}

	@Test
	void tilesLargerImagesByCropUnit() {
		// The notes' example: 960 x 540 → unit 360 → 3 x 2.
		assertThat(TokenEstimator.tiles(960, 540)).isEqualTo(6);
		assertThat(TokenEstimator.tiles(540, 960)).isEqualTo(6);
		// 385 x 100: one side over 384 → unit floor(100 / 1.5) = 66 → 6 x 2.
		assertThat(TokenEstimator.tiles(385, 100)).isEqualTo(12);
		// 4000 x 3000 → unit 2000 → 2 x 2.
		assertThat(TokenEstimator.tiles(4000, 3000)).isEqualTo(4);
	}

	@Test
	void neverDividesByZeroOnSlivers() {
		assertThat(TokenEstimator.tiles(1000, 1)).isEqualTo(1000);
	}

}
