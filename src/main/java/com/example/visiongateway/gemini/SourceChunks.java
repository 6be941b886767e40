package com.example.visiongateway.gemini;

import java.io.IOException;
import java.io.InputStream;

import com.example.visiongateway.io.ByteSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.SynchronousSink;

/**
 * Reads a slice of a {@link ByteSource} as a lazy sequence of blocks: one block per
 * downstream request, a fresh stream per subscription (so a re-subscribed body starts
 * over), and the stream closed on completion, error or cancellation. Every block is full
 * except the last, so blocks of a multiple of 3 bytes base64-encode without padding in
 * between.
 */
final class SourceChunks {

	/**
	 * Past this, reading (and encoding) holds an event loop up long enough to delay other
	 * connections.
	 */
	private static final long QUICK_BYTES = 1024 * 1024;

	private SourceChunks() {
	}

	/**
	 * True when reading {@code length} bytes can run on an event loop: no disk, and
	 * little copying.
	 */
	static boolean quickToRead(long length, boolean inMemory) {
		return inMemory && length <= QUICK_BYTES;
	}

	static Flux<byte[]> read(ByteSource source, long offset, long length, int blockSize) {
		return Flux.generate(() -> Reader.open(source, offset, length), (reader, sink) -> reader.next(sink, blockSize),
				Reader::close);
	}

	private static final class Reader {

		private final InputStream in;

		private long remaining;

		private Reader(InputStream in, long remaining) {
			this.in = in;
			this.remaining = remaining;
		}

		static Reader open(ByteSource source, long offset, long length) {
			InputStream in = null;
			try {
				in = source.openStream();
				in.skipNBytes(offset);
				return new Reader(in, length);
			}
			catch (IOException ex) {
				closeQuietly(in);
				throw new SourceReadException("Could not read the image bytes to send", ex);
			}
		}

		Reader next(SynchronousSink<byte[]> sink, int blockSize) {
			if (this.remaining == 0) {
				sink.complete();
				return this;
			}
			try {
				int wanted = (int) Math.min(blockSize, this.remaining);
				byte[] block = this.in.readNBytes(wanted);
				if (block.length < wanted) {
					// The Content-Length already sent promised more: fail rather than
					// hang the request
					sink.error(new SourceReadException(
							"The image ended " + (this.remaining - block.length) + " bytes before its declared size",
							null));
					return this;
				}
				this.remaining -= wanted;
				sink.next(block);
			}
			catch (IOException ex) {
				sink.error(new SourceReadException("Could not read the image bytes to send", ex));
			}
			return this;
		}

		void close() {
			closeQuietly(this.in);
		}

		private static void closeQuietly(InputStream in) {
			if (in == null) {
				return;
			}
			try {
				in.close();
			}
			catch (IOException ex) {
				// Nothing to do: the bytes were read or the read already failed
			}
		}

	}

}
