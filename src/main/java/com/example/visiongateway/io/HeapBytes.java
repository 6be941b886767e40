package com.example.visiongateway.io;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/** Bytes already on the heap (a decoded inline image), read in place. */
public record HeapBytes(byte[] bytes) implements ByteSource {

	@Override
	public long size() {
		return this.bytes.length;
	}

	@Override
	public InputStream openStream() {
		return new ByteArrayInputStream(this.bytes);
	}

	@Override
	public boolean inMemory() {
		return true;
	}

}
