package com.example.visiongateway.spatial;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Douglas-Peucker on a closed ring of integer vertices: a vertex is dropped only when it
 * lies within the tolerance of the segment that replaces it, so no point of the outline
 * moves further than that. The ring is cut at its first vertex and the vertex farthest
 * from it, and each half is simplified with an explicit stack (a contour of a large mask
 * can have millions of vertices).
 */
final class RingSimplifier {

	private RingSimplifier() {
	}

	/**
	 * Simplify a ring.
	 * @param ring flat {@code [x1, y1, x2, y2, …]}, not closed
	 * @param tolerance the largest distance a dropped vertex may have from its
	 * replacement segment
	 * @return the kept vertices, in order, flat
	 */
	static int[] simplify(int[] ring, double tolerance) {
		int n = ring.length / 2;
		if (n <= 4) {
			return ring;
		}
		int far = 0;
		long farthest = -1;
		for (int i = 1; i < n; i++) {
			long dx = ring[2 * i] - ring[0];
			long dy = ring[2 * i + 1] - ring[1];
			long distance = dx * dx + dy * dy;
			if (distance > farthest) {
				farthest = distance;
				far = i;
			}
		}
		boolean[] keep = new boolean[n + 1];
		keep[0] = true;
		keep[far] = true;
		keep[n] = true;
		double limit = tolerance * tolerance;
		Deque<int[]> spans = new ArrayDeque<>();
		spans.push(new int[] { 0, far });
		spans.push(new int[] { far, n });
		while (!spans.isEmpty()) {
			int[] span = spans.pop();
			int from = span[0];
			int to = span[1];
			int worst = -1;
			double worstDistance = limit;
			for (int i = from + 1; i < to; i++) {
				double distance = squaredDistance(ring, i, from, to % n);
				if (distance > worstDistance) {
					worstDistance = distance;
					worst = i;
				}
			}
			if (worst >= 0) {
				keep[worst] = true;
				spans.push(new int[] { from, worst });
				spans.push(new int[] { worst, to });
			}
		}
		int kept = 0;
		for (int i = 0; i < n; i++) {
			kept += keep[i] ? 1 : 0;
		}
		int[] simplified = new int[2 * kept];
		int k = 0;
		for (int i = 0; i < n; i++) {
			if (keep[i]) {
				simplified[k++] = ring[2 * i];
				simplified[k++] = ring[2 * i + 1];
			}
		}
		return simplified;
	}

	/**
	 * The squared distance from vertex {@code p} to the segment from vertex {@code a} to
	 * vertex {@code b}.
	 */
	private static double squaredDistance(int[] ring, int p, int a, int b) {
		double px = ring[2 * p];
		double py = ring[2 * p + 1];
		double ax = ring[2 * a];
		double ay = ring[2 * a + 1];
		double dx = ring[2 * b] - ax;
		double dy = ring[2 * b + 1] - ay;
		double length = dx * dx + dy * dy;
		double t = (length == 0) ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
		double ex = px - (ax + t * dx);
		double ey = py - (ay + t * dy);
		return ex * ex + ey * ey;
	}

}
