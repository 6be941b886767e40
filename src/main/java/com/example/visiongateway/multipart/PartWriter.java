package com.example.visiongateway.multipart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.image.ImageDigest;
import com.example.visiongateway.io.TempFileBytes;

/**
 * Collects one file part while it streams in: on the heap while it fits under the
 * in-memory part size and the shared heap budget allows, then in a temp file charged to
 * the disk budget; its SHA-256 is computed on the way, so nobody reads the part again
 * just to fingerprint it. Heap bytes live in chunks of up to 64 KB, sized to what
 * arrives, so a growing part is never copied. Past 256 KB, a {@link BackgroundSpool}
 * digests the part (and writes it, once on disk) when a spool thread is free, while the
 * request thread goes on reading. Disk failures are the gateway's, not the caller's: they
 * surface as {@link UncheckedIOException}.
 */
final class PartWriter {

	private static final int FIRST_CHUNK = 8 * 1024;

	private static final int MAX_CHUNK = 64 * 1024;

	/** Below this, handing work to another thread costs more than it saves. */
	private static final long DIGEST_ASIDE_FROM = 256 * 1024;

	/**
	 * Temp-disk bytes are reserved this far ahead, so a growing file does not reserve on
	 * every read.
	 */
	private static final long DISK_STEP = 1024 * 1024;

	private final PartHeaders headers;

	private final BodyBudgets budgets;

	private final Reservation heap;

	private final Reservation partsOnHeap;

	private final Reservation disk;

	private final long inMemoryLimit;

	private final Executor spooler;

	private final MessageDigest digest = ImageDigest.newSha256();

	/**
	 * Heap chunks: all full and digested but the last, which holds {@link #fill} bytes.
	 */
	private List<byte[]> chunks = new ArrayList<>();

	private int fill;

	private long size;

	private Path path;

	private FileChannel channel;

	private BackgroundSpool spool;

	private boolean spoolRefused;

	/**
	 * @param spooler runs {@link BackgroundSpool}s for large parts, when it has a thread
	 * free
	 */
	PartWriter(PartHeaders headers, BodyBudgets budgets, long inMemoryLimit, Executor spooler) {
		this.headers = headers;
		this.budgets = budgets;
		this.heap = budgets.heapReservation();
		this.partsOnHeap = budgets.partsOnHeapReservation();
		this.disk = budgets.diskReservation();
		this.inMemoryLimit = inMemoryLimit;
		this.spooler = spooler;
	}

	long size() {
		return this.size;
	}

	void write(byte[] bytes, int offset, int length) {
		while (length > 0 && this.channel == null) {
			if (roomInLastChunk() == 0 && !addChunk(length)) {
				spill();
				break;
			}
			byte[] last = lastChunk();
			int copied = Math.min(length, last.length - this.fill);
			System.arraycopy(bytes, offset, last, this.fill, copied);
			this.fill += copied;
			this.size += copied;
			offset += copied;
			length -= copied;
			if (this.fill == last.length) {
				digest(last, this.fill);
			}
		}
		if (length == 0) {
			return;
		}
		reserveDisk(this.size + length);
		if (this.spool == null && this.size > DIGEST_ASIDE_FROM) {
			startSpool();
		}
		if (this.spool != null) {
			this.spool.write(bytes, offset, length);
		}
		else {
			this.digest.update(bytes, offset, length);
			writeToFile(ByteBuffer.wrap(bytes, offset, length));
		}
		this.size += length;
	}

	StreamedPart finish() {
		if (this.channel == null && roomInLastChunk() > 0) {
			digest(lastChunk(), this.fill);
		}
		finishSpool();
		String sha256 = HexFormat.of().formatHex(this.digest.digest());
		if (this.channel == null) {
			return StreamedPart.inMemory(this.headers, this.chunks, this.size, sha256, this.heap, this.partsOnHeap);
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			abandon();
			throw new UncheckedIOException("Could not write a multipart part to its temp file", ex);
		}
		this.disk.give(this.disk.held() - this.size);
		return StreamedPart.onDisk(this.headers, this.path, this.size, sha256, this.disk);
	}

	/** Gives back what an unfinished part holds. */
	void abandon() {
		if (this.spool != null) {
			this.spool.abandon();
			this.spool = null;
		}
		this.chunks = null;
		this.heap.close();
		this.partsOnHeap.close();
		if (this.path != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// The file is deleted next; nothing else can be done with it.
			}
			TempFileBytes.deleteQuietly(this.path);
		}
		this.disk.close();
	}

	private byte[] lastChunk() {
		return this.chunks.get(this.chunks.size() - 1);
	}

	private int roomInLastChunk() {
		return this.chunks.isEmpty() ? 0 : lastChunk().length - this.fill;
	}

	/**
	 * A chunk big enough for what is being written, up to 64 KB, and no bigger than the
	 * part may still grow.
	 */
	private boolean addChunk(int writing) {
		if (this.size >= this.inMemoryLimit) {
			return false;
		}
		int next = Math.max(writing, this.chunks.isEmpty() ? FIRST_CHUNK : 2 * lastChunk().length);
		next = (int) Math.min(Math.min(next, MAX_CHUNK), this.inMemoryLimit - this.size);
		if (!this.partsOnHeap.tryAdd(next)) {
			return false;
		}
		if (!this.heap.tryAdd(next)) {
			this.partsOnHeap.give(next);
			return false;
		}
		this.chunks.add(new byte[next]);
		this.fill = 0;
		return true;
	}

	/**
	 * Digests heap bytes that will not change any more, here or on a spool thread once
	 * the part is large.
	 */
	private void digest(byte[] chunk, int length) {
		if (this.spool == null && this.size > DIGEST_ASIDE_FROM) {
			startSpool();
		}
		if (this.spool != null) {
			this.spool.hand(chunk, length);
		}
		else {
			this.digest.update(chunk, 0, length);
		}
	}

	private void startSpool() {
		if (this.spoolRefused) {
			return;
		}
		try {
			this.spool = BackgroundSpool.start(this.spooler, this.digest, this.channel);
		}
		catch (RejectedExecutionException busy) {
			// Every spool thread is busy: this request's thread does the work itself.
			this.spoolRefused = true;
		}
	}

	private void finishSpool() {
		if (this.spool != null) {
			this.spool.finish();
			this.spool = null;
		}
	}

	/** Moves the heap chunks to a temp file, where the rest of the part goes too. */
	private void spill() {
		finishSpool();
		reserveDisk(this.size);
		this.path = TempFileBytes.create("part");
		try {
			this.channel = FileChannel.open(this.path, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			TempFileBytes.deleteQuietly(this.path);
			this.path = null;
			throw new UncheckedIOException("Could not open a temp file for a multipart part", ex);
		}
		for (int i = 0; i < this.chunks.size(); i++) {
			byte[] chunk = this.chunks.get(i);
			int length = (i == this.chunks.size() - 1) ? this.fill : chunk.length;
			writeToFile(ByteBuffer.wrap(chunk, 0, length));
		}
		if (roomInLastChunk() > 0) {
			this.digest.update(lastChunk(), 0, this.fill);
		}
		this.chunks = null;
		this.heap.close();
		this.partsOnHeap.close();
	}

	/**
	 * Reserves temp disk for a file of {@code fileSize} bytes before they are written
	 * (503 when it is spent).
	 */
	private void reserveDisk(long fileSize) {
		long missing = fileSize - this.disk.held();
		if (missing > 0 && !this.disk.tryAdd(Math.max(missing, DISK_STEP))) {
			this.disk.add(missing);
		}
	}

	private void writeToFile(ByteBuffer bytes) {
		try {
			writeFully(this.channel, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write a multipart part to its temp file", ex);
		}
	}

	/** A file channel may write less than asked. */
	static void writeFully(FileChannel channel, ByteBuffer bytes) throws IOException {
		while (bytes.hasRemaining()) {
			channel.write(bytes);
		}
	}

}
