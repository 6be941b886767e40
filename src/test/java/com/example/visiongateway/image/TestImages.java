package com.example.visiongateway.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.example.visiongateway.io.ByteSource;

/** Fixture loading and an in-memory {@link ByteSource} for image tests and benchmarks. */
final class TestImages {

	private TestImages() {
	}

	static byte[] fixture(String name) {
		try (InputStream in = TestImages.class.getResourceAsStream("/images/" + name)) {
			if (in == null) {
				throw new IllegalStateException("No fixture " + name);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static ByteSource source(byte[] bytes) {
		return new InMemory(bytes);
	}

	private record InMemory(byte[] bytes) implements ByteSource {

		@Override
		public long size() {
			return this.bytes.length;
		}

		@Override
		public InputStream openStream() {
			return new ByteArrayInputStream(this.bytes);
		}

	}

}
