package com.example.visiongateway.multipart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import com.example.visiongateway.image.ImageDigest;
import com.example.visiongateway.io.TempFileBytes;

/**
 * Collects one file part while it streams in: on the heap while it is small and the {@link MemoryBudget} allows,
 * then in a temp file; its SHA-256 is computed on the way, so nobody reads the part again just to fingerprint it.
 * A part on disk is digested and written by a {@link BackgroundSpool} when a spool thread is free.
 * Disk failures are the gateway's, not the caller's: they surface as {@link UncheckedIOException}.
 */
final class PartWriter {

	private static final int FIRST_CAPACITY = 8 * 1024;

	private final PartHeaders headers;

	private final MemoryBudget budget;

	private final int inMemoryLimit;

	private final Executor spooler;

	private final MessageDigest digest = ImageDigest.newSha256();

	private byte[] memory = new byte[0];

	private long reserved;

	private long size;

	private Path path;

	private FileChannel channel;

	private BackgroundSpool spool;

	/** @param spooler runs {@link BackgroundSpool}s for parts that go to disk, when it has a thread free */
	PartWriter(PartHeaders headers, MemoryBudget budget, int inMemoryLimit, Executor spooler) {
		this.headers = headers;
		this.budget = budget;
		this.inMemoryLimit = inMemoryLimit;
		this.spooler = spooler;
	}

	long size() {
		return this.size;
	}

	void write(byte[] bytes, int offset, int length) {
		if (length == 0) {
			return;
		}
		if (this.channel == null && !roomInMemory(this.size + length)) {
			spill();
		}
		if (this.spool != null) {
			this.spool.write(bytes, offset, length);
		}
		else {
			this.digest.update(bytes, offset, length);
			if (this.channel != null) {
				writeToFile(ByteBuffer.wrap(bytes, offset, length));
			}
			else {
				System.arraycopy(bytes, offset, this.memory, (int) this.size, length);
			}
		}
		this.size += length;
	}

	StreamedPart finish() {
		if (this.spool != null) {
			this.spool.finish();
			this.spool = null;
		}
		String sha256 = HexFormat.of().formatHex(this.digest.digest());
		if (this.channel == null) {
			return StreamedPart.inMemory(this.headers, this.memory, (int) this.size, sha256, this.budget, this.reserved);
		}
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			abandon();
			throw new UncheckedIOException("Could not write a multipart part to its temp file", ex);
		}
		return StreamedPart.onDisk(this.headers, this.path, this.size, sha256);
	}

	/** Gives back what an unfinished part holds. */
	void abandon() {
		this.budget.release(this.reserved);
		this.reserved = 0;
		if (this.spool != null) {
			this.spool.abandon();
			this.spool = null;
		}
		if (this.path != null) {
			try {
				this.channel.close();
			}
			catch (IOException ex) {
				// The file is deleted next; nothing else can be done with it.
			}
			TempFileBytes.deleteQuietly(this.path);
		}
	}

	private boolean roomInMemory(long needed) {
		if (needed <= this.memory.length) {
			return true;
		}
		if (needed > this.inMemoryLimit) {
			return false;
		}
		int capacity = (int) Math.min(this.inMemoryLimit, Math.max(needed, Math.max(FIRST_CAPACITY, 2L * this.memory.length)));
		if (!this.budget.tryReserve(capacity - this.reserved)) {
			return false;
		}
		this.reserved = capacity;
		this.memory = Arrays.copyOf(this.memory, capacity);
		return true;
	}

	private void spill() {
		this.path = TempFileBytes.create("part");
		try {
			this.channel = FileChannel.open(this.path, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			TempFileBytes.deleteQuietly(this.path);
			this.path = null;
			throw new UncheckedIOException("Could not open a temp file for a multipart part", ex);
		}
		writeToFile(ByteBuffer.wrap(this.memory, 0, (int) this.size));
		this.memory = null;
		this.budget.release(this.reserved);
		this.reserved = 0;
		try {
			this.spool = BackgroundSpool.start(this.spooler, this.digest, this.channel);
		}
		catch (RejectedExecutionException busy) {
			// Every spool thread is busy: this request's thread digests and writes the part itself.
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
