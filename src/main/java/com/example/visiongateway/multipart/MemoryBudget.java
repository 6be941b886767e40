package com.example.visiongateway.multipart;

import java.util.concurrent.atomic.AtomicLong;

/** Heap that in-memory parts of all requests share; a part that cannot reserve its bytes goes to a temp file. */
final class MemoryBudget {

	private final long total;

	private final AtomicLong available;

	MemoryBudget(long bytes) {
		this.total = bytes;
		this.available = new AtomicLong(bytes);
	}

	boolean tryReserve(long bytes) {
		long now = this.available.get();
		while (now >= bytes) {
			if (this.available.compareAndSet(now, now - bytes)) {
				return true;
			}
			now = this.available.get();
		}
		return false;
	}

	void release(long bytes) {
		this.available.addAndGet(bytes);
	}

	long available() {
		return this.available.get();
	}

	long used() {
		return this.total - this.available.get();
	}

}
