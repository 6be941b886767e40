package com.example.visiongateway.cache;

import java.time.Duration;

import com.example.visiongateway.support.MovableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryResultCacheTests {

	private final MovableClock clock = MovableClock.stopped();

	@Test
	void answersWhatWasStoredUntilTheTtlEnds() {
		MemoryResultCache cache = new MemoryResultCache(1_000_000, Duration.ofMinutes(10), this.clock);
		cache.put("k", new byte[] { 1, 2, 3 });

		this.clock.advance(Duration.ofMinutes(9));
		assertThat(cache.get("k")).hasValueSatisfying((value) -> assertThat(value).containsExactly(1, 2, 3));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(cache.get("k")).isEmpty();
	}

	@Test
	void holdsNoMoreBytesThanItsBound() {
		MemoryResultCache cache = new MemoryResultCache(10_000, Duration.ofHours(1), this.clock);

		for (int i = 0; i < 100; i++) {
			cache.put(Integer.toString(i), new byte[1_000]);
		}

		long held = 0;
		for (int i = 0; i < 100; i++) {
			held += cache.get(Integer.toString(i)).map((value) -> value.length).orElse(0);
		}
		assertThat(held).isPositive().isLessThanOrEqualTo(10_000);
	}

}
