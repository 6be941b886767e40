package com.example.visiongateway.image;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A forward-only reader over an image's bytes that knows the declared size and where it
 * is, so parsers can bounds-check every length field against what is left and skip what
 * they do not need. Running out of bytes is an {@link EOFException}, which the inspector
 * reports as unreadable.
 */
final class ImageInput {

	private final InputStream in;

	private final long size;

	private long position;

	ImageInput(InputStream in, long size) {
		this.in = in;
		this.size = size;
	}

	long size() {
		return this.size;
	}

	long position() {
		return this.position;
	}

	long remaining() {
		return this.size - this.position;
	}

	int u8() throws IOException {
		int value = this.in.read();
		if (value < 0) {
			throw new EOFException();
		}
		this.position++;
		return value;
	}

	int u16be() throws IOException {
		return (u8() << 8) | u8();
	}

	int u16le() throws IOException {
		return u8() | (u8() << 8);
	}

	long u32be() throws IOException {
		return ((long) u16be() << 16) | u16be();
	}

	long u32le() throws IOException {
		return u16le() | ((long) u16le() << 16);
	}

	long u64be() throws IOException {
		return (u32be() << 32) | u32be();
	}

	/** Reads exactly {@code length} bytes; callers bound the length before asking. */
	byte[] read(int length) throws IOException {
		byte[] bytes = new byte[length];
		int done = 0;
		while (done < length) {
			int count = this.in.read(bytes, done, length - done);
			if (count < 0) {
				throw new EOFException();
			}
			done += count;
		}
		this.position += length;
		return bytes;
	}

	void skip(long count) throws IOException {
		if (count < 0) {
			throw new EOFException();
		}
		long left = count;
		while (left > 0) {
			long skipped = this.in.skip(left);
			if (skipped <= 0) {
				// skip() may legitimately return 0 before the end; one read tells the two
				// apart
				if (this.in.read() < 0) {
					throw new EOFException();
				}
				skipped = 1;
			}
			left -= skipped;
		}
		this.position += count;
	}

	/**
	 * Moves forward to an absolute offset; going backwards means the structure is
	 * inconsistent.
	 */
	void skipTo(long offset) throws IOException {
		skip(offset - this.position);
	}

}
