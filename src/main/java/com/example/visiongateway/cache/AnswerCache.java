package com.example.visiongateway.cache;

import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * The result cache as the endpoints use it: an answer stored under the request's key is
 * answered again without doing the work; otherwise the work runs and its answer is stored
 * when it is a complete success no larger than {@code vision.cache.max-entry-size}. A
 * request asking for a fresh answer ({@code Cache-Control: no-cache}) skips the lookup,
 * and its answer is still stored. Counted on {@code vision.cache.requests{result}} and
 * {@code vision.cache.stores{outcome}}.
 */
public final class AnswerCache {

	private static final Logger log = LoggerFactory.getLogger(AnswerCache.class);

	private final ResultCache store;

	private final long maxEntryBytes;

	private final MeterRegistry meters;

	/**
	 * @param store where answers live; null when the cache is off (then nothing is looked
	 * up or stored, and answers say {@link CacheStatus#OFF})
	 */
	AnswerCache(ResultCache store, long maxEntryBytes, MeterRegistry meters) {
		this.store = store;
		this.maxEntryBytes = maxEntryBytes;
		this.meters = meters;
	}

	/**
	 * The stored answer for {@code key}, or {@code work}'s.
	 * @param key the request's key; null when the request cannot be keyed (an image whose
	 * bytes the gateway never saw), which is then neither looked up nor stored
	 * @param fresh the caller asked not to be answered from the cache
	 */
	public <T> Mono<Cached<T>> answer(CacheKey key, boolean fresh, Codec<T> codec, Supplier<Mono<T>> work) {
		if (this.store == null) {
			return Mono.defer(work).map((answer) -> new Cached<>(answer, CacheStatus.OFF));
		}
		if (key == null) {
			count("uncacheable");
			return Mono.defer(work).map((answer) -> new Cached<>(answer, CacheStatus.MISS));
		}
		return Mono.defer(() -> {
			String id = key.id();
			if (!fresh) {
				Optional<T> stored = read(id, codec);
				if (stored.isPresent()) {
					count("hit");
					return Mono.just(new Cached<>(stored.get(), CacheStatus.HIT));
				}
			}
			count(fresh ? "bypass" : "miss");
			return work.get().map((answer) -> {
				store(id, answer, codec);
				return new Cached<>(answer, CacheStatus.MISS);
			});
		});
	}

	private <T> Optional<T> read(String id, Codec<T> codec) {
		Optional<byte[]> stored = this.store.get(id);
		if (stored.isEmpty()) {
			return Optional.empty();
		}
		try {
			return Optional.of(codec.read(stored.get()));
		}
		// An answer stored by another version of the gateway, say: answered afresh and
		// stored over
		catch (RuntimeException ex) {
			log.warn("A stored answer could not be read ({}); answering afresh", ex.getClass().getSimpleName());
			return Optional.empty();
		}
	}

	private <T> void store(String id, T answer, Codec<T> codec) {
		if (!codec.complete(answer)) {
			stored("incomplete");
			return;
		}
		byte[] bytes = codec.write(answer);
		if (bytes.length > this.maxEntryBytes) {
			stored("too_large");
			return;
		}
		this.store.put(id, bytes);
		stored("stored");
	}

	private void count(String result) {
		Counter.builder("vision.cache.requests")
			.description("Requests that consulted the result cache, by what became of them")
			.tag("result", result)
			.register(this.meters)
			.increment();
	}

	private void stored(String outcome) {
		Counter.builder("vision.cache.stores")
			.description("Answers offered to the result cache, by whether they were stored")
			.tag("outcome", outcome)
			.register(this.meters)
			.increment();
	}

}
