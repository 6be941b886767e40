package com.example.visiongateway.gemini;

/** What a polygon mask's 0–1000 coordinates are normalized to. */
public enum MaskFrame {

	/** The whole image, like {@code box_2d}. */
	IMAGE,

	/** The item's own box: 0 is its left or top edge, 1000 its right or bottom edge. */
	BOX

}
