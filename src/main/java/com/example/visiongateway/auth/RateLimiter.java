package com.example.visiongateway.auth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import com.example.visiongateway.auth.TokenBucket.Take;

/**
 * One quota (say, images per minute) for every caller: a token bucket per caller name, in memory, in a map bounded
 * to the callers seen most recently. A forgotten caller starts again with a full bucket, which is what it would have
 * after a minute of silence anyway.
 */
final class RateLimiter {

	private final int perMinute;

	private final Clock clock;

	private final Map<String, TokenBucket> buckets;

	RateLimiter(int perMinute, int maxCallers, Clock clock) {
		this.perMinute = perMinute;
		this.clock = clock;
		this.buckets = new LinkedHashMap<>(16, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, TokenBucket> eldest) {
				return size() > maxCallers;
			}
		};
	}

	/** Whether the quota is on at all (a limit of 0 means no limit). */
	boolean limited() {
		return this.perMinute > 0;
	}

	int perMinute() {
		return this.perMinute;
	}

	Take take(String caller, long amount) {
		if (!limited() || amount <= 0) {
			return Take.GRANTED;
		}
		return bucket(caller).take(amount);
	}

	int callers() {
		synchronized (this.buckets) {
			return this.buckets.size();
		}
	}

	private TokenBucket bucket(String caller) {
		synchronized (this.buckets) {
			return this.buckets.computeIfAbsent(caller, (name) -> new TokenBucket(this.perMinute, this.clock));
		}
	}

}
