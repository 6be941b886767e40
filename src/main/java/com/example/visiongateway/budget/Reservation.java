package com.example.visiongateway.budget;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one holder (a request, a part, a temp file) has reserved from a {@link Budget} so
 * far. It grows as the holder takes more, and {@link #close()} gives all of it back,
 * once, from whichever thread ends the holder's life; what is reserved after that is
 * given back at once.
 */
public final class Reservation implements AutoCloseable {

	private final Budget budget;

	private final Duration wait;

	private final AtomicLong held = new AtomicLong();

	private final AtomicBoolean closed = new AtomicBoolean();

	/**
	 * @param wait how long {@link #add(long)} waits for others to release before it fails
	 */
	public Reservation(Budget budget, Duration wait) {
		this.budget = budget;
		this.wait = wait;
	}

	/**
	 * Reserves {@code amount} more, waiting briefly when the budget is spent.
	 * @throws com.example.visiongateway.error.VisionException {@code OVERLOADED} when it
	 * does not fit in time
	 */
	public void add(long amount) {
		this.budget.reserve(amount, this.wait);
		held(amount);
	}

	/** Reserves {@code amount} more if it fits now. */
	public boolean tryAdd(long amount) {
		if (!this.budget.tryReserve(amount)) {
			return false;
		}
		held(amount);
		return true;
	}

	/** Gives back part of what is held, when the holder needs less than it reserved. */
	public void give(long amount) {
		long before = this.held.getAndUpdate((now) -> now - Math.min(now, amount));
		this.budget.release(Math.min(before, amount));
	}

	public long held() {
		return this.held.get();
	}

	/** Gives back everything; safe to call more than once and from any thread. */
	@Override
	public void close() {
		this.closed.set(true);
		releaseAll();
	}

	private void held(long amount) {
		this.held.addAndGet(amount);
		if (this.closed.get()) {
			releaseAll();
		}
	}

	private void releaseAll() {
		long amount = this.held.getAndSet(0);
		if (amount > 0) {
			this.budget.release(amount);
		}
	}

}
