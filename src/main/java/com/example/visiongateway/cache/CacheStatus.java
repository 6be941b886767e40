package com.example.visiongateway.cache;

/** How an answer relates to the result cache, as the {@code X-Cache} header says it. */
public enum CacheStatus {

	/** Answered from the cache, without calling Gemini. */
	HIT,

	/** Answered by Gemini (also when the caller asked for no-cache). */
	MISS,

	/** The cache is off: no header. */
	OFF;

	/** The {@code X-Cache} header's value; null when none is sent. */
	public String header() {
		return (this == OFF) ? null : name();
	}

}
