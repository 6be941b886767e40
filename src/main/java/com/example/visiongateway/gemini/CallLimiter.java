package com.example.visiongateway.gemini;

import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Caps the calls in flight; callers beyond the cap wait in a bounded
 * first-come-first-served queue, and beyond the queue they are refused at once. Waiting
 * parks a subscription, never a thread; a slot is freed when its call completes, fails or
 * is cancelled, and a cancelled waiter leaves the queue.
 */
final class CallLimiter {

	private final int maxActive;

	private final int maxQueued;

	private final Object lock = new Object();

	private final ArrayDeque<Waiter> queue = new ArrayDeque<>();

	private int active;

	CallLimiter(int maxActive, int maxQueued) {
		this.maxActive = maxActive;
		this.maxQueued = maxQueued;
	}

	/**
	 * {@code call} once a slot is free; fails with {@code refusal} when the queue is full
	 * too.
	 */
	<T> Mono<T> run(Mono<T> call, Supplier<? extends RuntimeException> refusal) {
		return Mono.usingWhen(acquire(refusal), (permit) -> {
			permit.delivered.set(true);
			return call;
		}, Permit::release, (permit, failure) -> permit.release(), Permit::release);
	}

	/**
	 * As {@link #run(Mono, Supplier)} for a stream: the slot is held until the stream
	 * ends, fails or is cancelled.
	 */
	<T> Flux<T> runMany(Flux<T> call, Supplier<? extends RuntimeException> refusal) {
		return Flux.usingWhen(acquire(refusal), (permit) -> {
			permit.delivered.set(true);
			return call;
		}, Permit::release, (permit, failure) -> permit.release(), Permit::release);
	}

	int active() {
		synchronized (this.lock) {
			return this.active;
		}
	}

	int queued() {
		synchronized (this.lock) {
			return this.queue.size();
		}
	}

	private Mono<Permit> acquire(Supplier<? extends RuntimeException> refusal) {
		return Mono.create((sink) -> {
			Waiter waiter = null;
			boolean granted = false;
			synchronized (this.lock) {
				if (this.active < this.maxActive) {
					this.active++;
					granted = true;
				}
				else if (this.queue.size() < this.maxQueued) {
					waiter = new Waiter(sink);
					this.queue.add(waiter);
				}
			}
			if (granted) {
				sink.success(new Permit());
			}
			else if (waiter == null) {
				sink.error(refusal.get());
			}
			else {
				Waiter queued = waiter;
				sink.onCancel(() -> abandon(queued));
			}
		});
	}

	private void abandon(Waiter waiter) {
		synchronized (this.lock) {
			if (this.queue.remove(waiter)) {
				return;
			}
		}
		// Granted meanwhile: unless the caller already holds it, the slot would be lost
		Permit permit = waiter.permit;
		if (permit != null && !permit.delivered.get()) {
			permit.close();
		}
	}

	/** Hands the slot of a finished call to the next waiter, or frees it. */
	private void free() {
		Waiter next;
		synchronized (this.lock) {
			next = this.queue.poll();
			if (next == null) {
				this.active--;
			}
			else {
				next.permit = new Permit();
			}
		}
		if (next != null) {
			next.sink.success(next.permit);
		}
	}

	private static final class Waiter {

		private final MonoSink<Permit> sink;

		private volatile Permit permit;

		Waiter(MonoSink<Permit> sink) {
			this.sink = sink;
		}

	}

	private final class Permit {

		private final AtomicBoolean released = new AtomicBoolean();

		private final AtomicBoolean delivered = new AtomicBoolean();

		Mono<Void> release() {
			return Mono.fromRunnable(this::close);
		}

		/**
		 * Idempotent: a call that ends and is cancelled in the same instant frees its
		 * slot once.
		 */
		void close() {
			if (this.released.compareAndSet(false, true)) {
				free();
			}
		}

	}

}
