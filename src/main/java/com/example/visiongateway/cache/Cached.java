package com.example.visiongateway.cache;

import java.util.function.Function;

/**
 * An answer and whether it came from the result cache.
 *
 * @param <T> the answer's type
 * @param answer the answer
 * @param status hit, miss, or off when the cache is disabled
 */
public record Cached<T>(T answer, CacheStatus status) {

	/** The same status for the answer in another form. */
	public <R> Cached<R> map(Function<T, R> mapper) {
		return new Cached<>(mapper.apply(this.answer), this.status);
	}

}
