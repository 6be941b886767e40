package com.example.visiongateway.spatial;

import java.util.List;

/** A box in integer pixels, {@code x2} and {@code y2} exclusive. */
record PixelBox(int x1, int y1, int x2, int y2) {

	int width() {
		return this.x2 - this.x1;
	}

	int height() {
		return this.y2 - this.y1;
	}

	boolean isEmpty() {
		return width() <= 0 || height() <= 0;
	}

	List<Integer> toList() {
		return List.of(this.x1, this.y1, this.x2, this.y2);
	}

}
