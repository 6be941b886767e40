package com.example.visiongateway.transfer;

/**
 * How an image reaches Gemini: base64 inside the generateContent body, or as a Files API
 * reference.
 */
public enum Transfer {

	INLINE, FILE_API

}
