package com.example.visiongateway.gemini;

/** Gemini 3's media resolution levels and the input tokens each costs per image. */
public enum MediaResolution {

	LOW(280), MEDIUM(560), HIGH(1120), ULTRA_HIGH(2240);

	private final int tokensPerImage;

	MediaResolution(int tokensPerImage) {
		this.tokensPerImage = tokensPerImage;
	}

	public int tokensPerImage() {
		return this.tokensPerImage;
	}

}
