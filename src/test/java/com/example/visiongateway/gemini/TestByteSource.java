package com.example.visiongateway.gemini;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import com.example.visiongateway.io.ByteSource;

/**
 * Bytes in memory that count how often they were opened and closed, and may lie about
 * their size.
 */
final class TestByteSource implements ByteSource {

	final AtomicInteger opened = new AtomicInteger();

	final AtomicInteger closed = new AtomicInteger();

	private final byte[] bytes;

	private final long declaredSize;

	private TestByteSource(byte[] bytes, long declaredSize) {
		this.bytes = bytes;
		this.declaredSize = declaredSize;
	}

	static TestByteSource of(byte[] bytes) {
		return new TestByteSource(bytes, bytes.length);
	}

	static TestByteSource random(int size) {
		byte[] bytes = new byte[size];
		new Random(size).nextBytes(bytes);
		return of(bytes);
	}

	/** Declares more bytes than it holds, like a file truncated after it was measured. */
	static TestByteSource shorterThanDeclared(byte[] bytes, long declaredSize) {
		return new TestByteSource(bytes, declaredSize);
	}

	byte[] bytes() {
		return this.bytes.clone();
	}

	@Override
	public long size() {
		return this.declaredSize;
	}

	@Override
	public InputStream openStream() {
		this.opened.incrementAndGet();
		return new FilterInputStream(new ByteArrayInputStream(this.bytes)) {

			private boolean isClosed;

			@Override
			public void close() throws IOException {
				if (!this.isClosed) {
					this.isClosed = true;
					TestByteSource.this.closed.incrementAndGet();
				}
				super.close();
			}

		};
	}

}
