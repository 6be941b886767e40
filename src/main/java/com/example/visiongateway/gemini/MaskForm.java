package com.example.visiongateway.gemini;

/** The form in which a model returns segmentation masks. */
public enum MaskForm {

	/** A base64 PNG probability map covering the box (Gemini 2.5). */
	PNG_MAP,

	/** A polygon of {@code [x, y]} points normalized to 0–1000 (Gemini 3.x). */
	POLYGON

}
