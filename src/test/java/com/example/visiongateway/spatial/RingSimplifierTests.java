package com.example.visiongateway.spatial;

import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RingSimplifierTests {

	@Test
	void dropsTheCornersOfAShallowStaircaseWithinHalfAPixel() {
		// From (0, 0) to (4, 1) a step at x = 2: both step corners are 2 / sqrt(17) =
		// 0.485 from the diagonal.
		int[] ring = { 0, 0, 2, 0, 2, 1, 4, 1, 4, 3, 0, 3 };

		assertThat(RingSimplifier.simplify(ring, 0.5)).containsExactly(0, 0, 4, 1, 4, 3, 0, 3);
	}

	@Test
	void keepsANotchOnePixelDeep() {
		// The notch's corners are a whole pixel from the edge they would be cut to.
		int[] ring = { 0, 0, 3, 0, 3, 1, 4, 1, 4, 0, 8, 0, 8, 4, 0, 4 };

		assertThat(RingSimplifier.simplify(ring, 0.5)).containsExactly(ring);
	}

	@Test
	void neverMovesTheOutlineMoreThanTheToleranceOnTracedBlobs() {
		Random random = new Random(18);
		for (int trial = 0; trial < 50; trial++) {
			int size = 20 + random.nextInt(60);
			double cx = size / 2.0;
			double cy = size / 2.0;
			double a = size * (0.2 + 0.25 * random.nextDouble());
			double b = size * (0.2 + 0.25 * random.nextDouble());
			double wobble = random.nextDouble() * 0.3;
			BoxMask blob = new BoxMask() {

				@Override
				public int width() {
					return size;
				}

				@Override
				public int height() {
					return size;
				}

				@Override
				public void column(int x, boolean[] out) {
					for (int y = 0; y < size; y++) {
						double dx = (x + 0.5 - cx) / a;
						double dy = (y + 0.5 - cy) / b;
						double angle = Math.atan2(dy, dx);
						out[y] = dx * dx + dy * dy <= Math.pow(1 + wobble * Math.sin(5 * angle), 2);
					}
				}

			};
			for (int[] ring : ContourTracer.outerContours(BoxBits.of(blob), 0, 0)) {
				int[] simplified = RingSimplifier.simplify(ring, 0.5);
				assertThat(simplified.length).isLessThanOrEqualTo(ring.length);
				assertEveryVertexWithin(ring, simplified, 0.5);
			}
		}
	}

	@Test
	void leavesASmallRingAsItIs() {
		int[] square = { 1, 0, 1, 1, 0, 1, 0, 0 };

		assertThat(RingSimplifier.simplify(square, 0.5)).isSameAs(square);
	}

	/**
	 * Every vertex of the original lies within the tolerance of the simplified outline.
	 */
	private static void assertEveryVertexWithin(int[] ring, int[] simplified, double tolerance) {
		List<double[]> segments = new ArrayList<>();
		int n = simplified.length / 2;
		for (int i = 0; i < n; i++) {
			int j = (i + 1) % n;
			segments.add(new double[] { simplified[2 * i], simplified[2 * i + 1], simplified[2 * j],
					simplified[2 * j + 1] });
		}
		for (int k = 0; k < ring.length; k += 2) {
			double best = Double.MAX_VALUE;
			for (double[] s : segments) {
				best = Math.min(best, Line2D.ptSegDist(s[0], s[1], s[2], s[3], ring[k], ring[k + 1]));
			}
			assertThat(best).isLessThanOrEqualTo(tolerance + 1e-9);
		}
	}

}
