package com.example.visiongateway.passthrough;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.TempFileBytes;

/**
 * One resumable upload in progress: its owner, what the start request declared, and the
 * bytes received so far in a temp file, whose whole declared size was charged to the disk
 * budget when the session opened. Chunks must come in order: each one's offset is the
 * count received so far, as Google's protocol has it.
 */
final class UploadSession {

	/** The read buffer of one chunk, charged to the heap budget by the caller. */
	static final int BLOCK = 64 * 1024;

	private final String id;

	private final Tenant owner;

	private final long size;

	private final String mimeType;

	private final String displayName;

	private final Path path;

	private final Reservation disk;

	private final ReentrantLock lock = new ReentrantLock();

	private long received;

	UploadSession(String id, Tenant owner, long size, String mimeType, String displayName, Path path,
			Reservation disk) {
		this.id = id;
		this.owner = owner;
		this.size = size;
		this.mimeType = mimeType;
		this.displayName = displayName;
		this.path = path;
		this.disk = disk;
	}

	String id() {
		return this.id;
	}

	Tenant owner() {
		return this.owner;
	}

	String mimeType() {
		return this.mimeType;
	}

	String displayName() {
		return this.displayName;
	}

	long size() {
		return this.size;
	}

	long received() {
		this.lock.lock();
		try {
			return this.received;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Appends one chunk streamed from {@code in}, never past the declared size; a chunk
	 * cut short keeps what arrived, so a {@code query} tells the client where to resume.
	 */
	void append(long offset, InputStream in) throws IOException {
		this.lock.lock();
		try {
			if (offset != this.received) {
				throw new VisionException(
						ErrorCode.BAD_REQUEST, "Invalid X-Goog-Upload-Offset " + offset + ": the session holds "
								+ this.received + " bytes; query it and resume from there.",
						Map.of("received", this.received));
			}
			try (OutputStream out = Files.newOutputStream(this.path, StandardOpenOption.APPEND)) {
				byte[] buffer = new byte[BLOCK];
				int count;
				while ((count = in.read(buffer)) >= 0) {
					if (this.received + count > this.size) {
						throw new VisionException(ErrorCode.BAD_REQUEST, "The upload is larger than the " + this.size
								+ " bytes its start request declared (X-Goog-Upload-Header-Content-Length).");
					}
					out.write(buffer, 0, count);
					this.received += count;
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The complete bytes, once all declared bytes arrived. */
	TempFileBytes bytes() {
		long now = received();
		if (now != this.size) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"The upload cannot be finalized: " + now + " of the " + this.size + " declared bytes arrived.",
					Map.of("received", now));
		}
		return new TempFileBytes(this.path, this.size);
	}

	/** Deletes the temp file and gives its disk budget back; safe to call twice. */
	void discard() {
		TempFileBytes.deleteQuietly(this.path);
		this.disk.close();
	}

}
