package com.example.visiongateway.cache;

/**
 * How one kind of answer is stored: written to bytes, read back, and whether it may be
 * stored at all. The kinds are the callers' own, so the cache knows none of them.
 *
 * @param <T> the stored answer's type
 */
public interface Codec<T> {

	byte[] write(T answer);

	/** The answer, or an exception when the bytes are not one (say, an older form). */
	T read(byte[] stored);

	/**
	 * Whether the answer is a complete success; anything else is never stored.
	 */
	boolean complete(T answer);

}
