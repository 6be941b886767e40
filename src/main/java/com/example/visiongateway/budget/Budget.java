package com.example.visiongateway.budget;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

/**
 * One resource that all requests share (heap bytes, decoded pixel bytes, temp-disk
 * bytes): every holder reserves what it holds before it holds it and releases it when
 * done, so the sum of what callers make the gateway hold never passes the capacity. A
 * reservation that does not fit waits a little for others to release, then fails with
 * {@link ErrorCode#OVERLOADED} and a {@code Retry-After}, instead of the process running
 * out of memory or disk.
 */
public final class Budget {

	private final String resource;

	private final long capacity;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition released = this.lock.newCondition();

	private long used;

	/**
	 * @param resource the resource's name, as the {@code resource} tag of
	 * {@code vision.budget.used}
	 * @param capacity how many units (bytes) may be held at once, at least 0
	 */
	public Budget(String resource, long capacity) {
		if (capacity < 0) {
			throw new IllegalArgumentException("A budget's capacity cannot be negative");
		}
		this.resource = resource;
		this.capacity = capacity;
	}

	public String resource() {
		return this.resource;
	}

	public long capacity() {
		return this.capacity;
	}

	public long used() {
		this.lock.lock();
		try {
			return this.used;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Reserve {@code amount} if it fits now; never waits. */
	public boolean tryReserve(long amount) {
		checkAmount(amount);
		this.lock.lock();
		try {
			if (this.capacity - this.used < amount) {
				return false;
			}
			this.used += amount;
			return true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Reserve {@code amount}, waiting up to {@code wait} for others to release.
	 * @throws VisionException {@link ErrorCode#OVERLOADED} when it does not fit in time,
	 * or can never fit
	 */
	public void reserve(long amount, Duration wait) {
		checkAmount(amount);
		if (amount > this.capacity) {
			throw overloaded(amount);
		}
		long nanos = wait.toNanos();
		this.lock.lock();
		try {
			while (this.capacity - this.used < amount) {
				if (nanos <= 0) {
					throw overloaded(amount);
				}
				nanos = this.released.awaitNanos(nanos);
			}
			this.used += amount;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw overloaded(amount);
		}
		finally {
			this.lock.unlock();
		}
	}

	public void release(long amount) {
		checkAmount(amount);
		this.lock.lock();
		try {
			if (amount > this.used) {
				throw new IllegalStateException("Released more " + this.resource + " than was reserved");
			}
			this.used -= amount;
			this.released.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	private VisionException overloaded(long amount) {
		return new VisionException(ErrorCode.OVERLOADED,
				"The gateway's " + this.resource + " budget is spent right now; try again shortly.",
				Map.of("resource", this.resource, "retryAfterSeconds", 1));
	}

	private static void checkAmount(long amount) {
		if (amount < 0) {
			throw new IllegalArgumentException("A budget amount cannot be negative");
		}
	}

}
