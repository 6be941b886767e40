package com.example.visiongateway.multipart;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.io.TempFileBytes;

import org.springframework.web.multipart.MultipartFile;

/**
 * A file part as the reader left it: on the heap or in a temp file, its bytes reserved
 * from the heap or the disk budget, with the SHA-256 computed while it arrived.
 * {@link #release()} gives both back once the request is done.
 */
final class StreamedPart implements MultipartFile, ByteSource {

	private final PartHeaders headers;

	private final long size;

	private final String sha256;

	/**
	 * Heap chunks, every one full but the last; null on disk, and dropped on release (a
	 * part may outlive it).
	 */
	private volatile List<byte[]> memory;

	private final boolean onHeap;

	private final Path file;

	/** What the part holds of the heap or disk budget. */
	private final List<Reservation> held;

	private final AtomicBoolean released = new AtomicBoolean();

	private StreamedPart(PartHeaders headers, long size, String sha256, List<byte[]> memory, Path file,
			List<Reservation> held) {
		this.headers = headers;
		this.size = size;
		this.sha256 = sha256;
		this.memory = memory;
		this.onHeap = memory != null;
		this.file = file;
		this.held = held;
	}

	static StreamedPart inMemory(PartHeaders headers, List<byte[]> chunks, long size, String sha256, Reservation heap,
			Reservation partsOnHeap) {
		return new StreamedPart(headers, size, sha256, chunks, null, List.of(heap, partsOnHeap));
	}

	static StreamedPart onDisk(PartHeaders headers, Path file, long size, String sha256, Reservation disk) {
		return new StreamedPart(headers, size, sha256, null, file, List.of(disk));
	}

	@Override
	public boolean inMemory() {
		return this.onHeap;
	}

	void release() {
		if (this.released.compareAndSet(false, true)) {
			if (this.file != null) {
				TempFileBytes.deleteQuietly(this.file);
			}
			else {
				this.memory = null;
			}
			this.held.forEach(Reservation::close);
		}
	}

	@Override
	public String getName() {
		return this.headers.name();
	}

	@Override
	public String getOriginalFilename() {
		return this.headers.filename();
	}

	@Override
	public String getContentType() {
		return this.headers.contentType();
	}

	@Override
	public boolean isEmpty() {
		return this.size == 0;
	}

	@Override
	public long getSize() {
		return this.size;
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public String knownSha256() {
		return this.sha256;
	}

	@Override
	public byte[] getBytes() throws IOException {
		try (InputStream in = openStream()) {
			return in.readAllBytes();
		}
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return openStream();
	}

	@Override
	public InputStream openStream() throws IOException {
		List<byte[]> chunks = this.memory;
		if (this.released.get() || (this.onHeap && chunks == null)) {
			throw new IOException("The part was released with its request");
		}
		return this.onHeap ? stream(chunks) : Files.newInputStream(this.file);
	}

	private InputStream stream(List<byte[]> chunks) {
		List<InputStream> streams = new ArrayList<>(chunks.size());
		long left = this.size;
		for (byte[] chunk : chunks) {
			int length = (int) Math.min(chunk.length, left);
			streams.add(new ByteArrayInputStream(chunk, 0, length));
			left -= length;
		}
		return new SequenceInputStream(Collections.enumeration(streams));
	}

	@Override
	public void transferTo(File destination) throws IOException {
		try (InputStream in = openStream()) {
			Files.copy(in, destination.toPath(), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
