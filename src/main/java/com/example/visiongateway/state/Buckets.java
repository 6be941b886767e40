package com.example.visiongateway.state;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/**
 * Token buckets by key (caller quotas, provider budgets), made from a configuration the
 * first time a key is used. In memory they hold for one process; in Redis for the whole
 * deployment.
 */
public interface Buckets {

	/** Takes {@code tokens} if the bucket holds them; says how long until it would. */
	ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long tokens);

	/** Nanoseconds until {@code tokens} could be taken, taking nothing. */
	long nanosUntil(String key, BucketConfiguration configuration, long tokens);

	/**
	 * Corrects an earlier take once the real cost is known: a positive {@code tokens}
	 * gives back (never above capacity), a negative one takes more, even into debt.
	 */
	void adjust(String key, BucketConfiguration configuration, long tokens);

}
