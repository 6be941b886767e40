package com.example.visiongateway.state;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an operation on the shared store, and on this replica's own state when the shared
 * store fails: a request is never failed because Redis is gone. After a failure the
 * shared store is left alone for {@code retryAfter} (so no request waits on a dead
 * connection), then tried again; the first success makes state shared again. Every
 * operation served locally counts on {@code vision.state.fallbacks} (tag
 * {@code concern}).
 */
public final class StateGuard {

	private static final Logger log = LoggerFactory.getLogger(StateGuard.class);

	private static final long UP = Long.MIN_VALUE;

	private final long retryAfterNanos;

	private final MeterRegistry meters;

	/**
	 * {@link System#nanoTime()} until which the shared store is skipped; UP when none.
	 */
	private final AtomicLong skipUntil = new AtomicLong(UP);

	public StateGuard(Duration retryAfter, MeterRegistry meters) {
		this.retryAfterNanos = retryAfter.toNanos();
		this.meters = meters;
	}

	/**
	 * {@code shared}'s answer, or {@code local}'s when the shared store is failing.
	 */
	public <T> T call(String concern, Supplier<T> shared, Supplier<T> local) {
		long until = this.skipUntil.get();
		if (until != UP && System.nanoTime() - until < 0) {
			return fallBack(concern, local);
		}
		try {
			T answer = shared.get();
			if (until != UP && this.skipUntil.compareAndSet(until, UP)) {
				log.info("Shared state store reachable again: state is shared across replicas");
			}
			return answer;
		}
		// Shared suppliers talk to the store only, and its client fails with several
		// unrelated types (Spring's DataAccessException, Lettuce's RedisException,
		// Bucket4j's own): any failure means the store could not answer.
		catch (RuntimeException ex) {
			if (this.skipUntil.getAndSet(System.nanoTime() + this.retryAfterNanos) == UP) {
				log.warn("Shared state store failed ({}); serving on this replica's own state, retrying in {} ms",
						ex.getClass().getSimpleName(), this.retryAfterNanos / 1_000_000);
			}
			return fallBack(concern, local);
		}
	}

	/** Runs {@code shared}, or {@code local} when the shared store is failing. */
	public void run(String concern, Runnable shared, Runnable local) {
		call(concern, () -> {
			shared.run();
			return null;
		}, () -> {
			local.run();
			return null;
		});
	}

	/** Whether the last operation on the shared store succeeded. */
	public boolean shared() {
		return this.skipUntil.get() == UP;
	}

	private <T> T fallBack(String concern, Supplier<T> local) {
		Counter.builder("vision.state.fallbacks")
			.description("Operations on shared state served on this replica's own state because Redis failed")
			.tag("concern", concern)
			.register(this.meters)
			.increment();
		return local.get();
	}

}
