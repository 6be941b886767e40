package com.example.visiongateway.multipart;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Digests a large part, and writes it to its temp file when it has one, on another thread
 * while the request thread goes on reading the socket: on an otherwise idle core the two
 * halves of an upload's work overlap instead of adding up. Bytes bound for disk are
 * copied into a few recycled buffers, so a slow disk holds the reader back rather than
 * filling the heap; heap chunks are handed over as they are.
 */
final class BackgroundSpool {

	private static final int DEPTH = 8;

	private static final int CHUNK = 64 * 1024;

	private static final Chunk END = new Chunk(new byte[0], 0, false);

	private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(DEPTH);

	private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH);

	private final MessageDigest digest;

	private final FileChannel channel;

	private final CompletableFuture<Void> done = new CompletableFuture<>();

	private int allocated;

	private volatile IOException failure;

	private volatile boolean abandoned;

	private BackgroundSpool(MessageDigest digest, FileChannel channel) {
		this.digest = digest;
		this.channel = channel;
	}

	/**
	 * @param channel the part's temp file, or null to digest only
	 * @throws java.util.concurrent.RejectedExecutionException when no spool thread is
	 * free (then the caller does the work itself)
	 */
	static BackgroundSpool start(Executor executor, MessageDigest digest, FileChannel channel) {
		BackgroundSpool spool = new BackgroundSpool(digest, channel);
		executor.execute(spool::drain);
		return spool;
	}

	void write(byte[] bytes, int offset, int length) {
		for (int written = 0; written < length; written += CHUNK) {
			checkFailure();
			int size = Math.min(CHUNK, length - written);
			byte[] buffer = buffer();
			System.arraycopy(bytes, offset + written, buffer, 0, size);
			put(new Chunk(buffer, size, true));
		}
	}

	/** Queues a filled heap chunk without copying it: the caller no longer changes it. */
	void hand(byte[] chunk, int length) {
		checkFailure();
		put(new Chunk(chunk, length, false));
	}

	/**
	 * Waits until every byte is digested and written; the digest is then the caller's
	 * again.
	 */
	void finish() {
		put(END);
		await();
		checkFailure();
	}

	/** Stops writing; returns once the spool thread no longer touches the file. */
	void abandon() {
		this.abandoned = true;
		put(END);
		await();
	}

	private void drain() {
		try {
			for (Chunk chunk = this.queue.take(); chunk != END; chunk = this.queue.take()) {
				if (this.failure == null && !this.abandoned) {
					process(chunk);
				}
				if (chunk.recycled()) {
					this.free.offer(chunk.bytes());
				}
			}
			this.done.complete(null);
		}
		catch (InterruptedException ex) {
			this.failure = new InterruptedIOException("The part spool was interrupted");
			this.done.complete(null);
			Thread.currentThread().interrupt();
		}
	}

	private void process(Chunk chunk) {
		this.digest.update(chunk.bytes(), 0, chunk.length());
		if (this.channel == null) {
			return;
		}
		try {
			PartWriter.writeFully(this.channel, ByteBuffer.wrap(chunk.bytes(), 0, chunk.length()));
		}
		catch (IOException ex) {
			this.failure = ex;
		}
	}

	private byte[] buffer() {
		byte[] buffer = this.free.poll();
		if (buffer != null) {
			return buffer;
		}
		if (this.allocated < DEPTH) {
			this.allocated++;
			return new byte[CHUNK];
		}
		try {
			return this.free.take();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted();
		}
	}

	private void put(Chunk chunk) {
		try {
			this.queue.put(chunk);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted();
		}
	}

	private void await() {
		try {
			this.done.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw interrupted();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private void checkFailure() {
		IOException failed = this.failure;
		if (failed != null) {
			throw new UncheckedIOException("Could not write a multipart part to its temp file", failed);
		}
	}

	private static UncheckedIOException interrupted() {
		return new UncheckedIOException(new InterruptedIOException("Interrupted while spooling a multipart part"));
	}

	/**
	 * @param recycled one of this spool's own buffers, reused once processed
	 */
	private record Chunk(byte[] bytes, int length, boolean recycled) {
	}

}
