package com.example.visiongateway.cache;

import java.util.Optional;

/**
 * Stored answers by key, each kept for the cache's TTL. In memory they serve one process;
 * in Redis every replica.
 */
public interface ResultCache {

	/** The answer stored under {@code key}, if one is and has not expired. */
	Optional<byte[]> get(String key);

	/** Stores {@code value} under {@code key} for the TTL, replacing what was there. */
	void put(String key, byte[] value);

}
