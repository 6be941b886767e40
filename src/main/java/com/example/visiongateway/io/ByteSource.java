package com.example.visiongateway.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * Bytes that can be read more than once without being held in memory: a multipart part
 * spooled to disk, a temp file, or a small array. Each {@link #openStream()} starts from
 * the first byte.
 */
public interface ByteSource {

	long size();

	InputStream openStream() throws IOException;

	/**
	 * The lower-case hex SHA-256 of the bytes when it was computed as they arrived, else
	 * null.
	 */
	default String knownSha256() {
		return null;
	}

	/** True when the bytes are on the heap, so reading them never waits for a disk. */
	default boolean inMemory() {
		return false;
	}

}
