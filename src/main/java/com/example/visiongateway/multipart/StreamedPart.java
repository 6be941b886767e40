package com.example.visiongateway.multipart;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.io.TempFileBytes;

import org.springframework.web.multipart.MultipartFile;

/**
 * A file part as the reader left it: on the heap (its bytes reserved from the {@link MemoryBudget}) or in a temp
 * file, with the SHA-256 computed while it arrived. {@link #release()} gives both back once the request is done.
 */
final class StreamedPart implements MultipartFile, ByteSource {

	private final PartHeaders headers;

	private final long size;

	private final String sha256;

	private final byte[] memory;

	private final Path file;

	private final MemoryBudget budget;

	private final long reserved;

	private final AtomicBoolean released = new AtomicBoolean();

	private StreamedPart(PartHeaders headers, long size, String sha256, byte[] memory, Path file, MemoryBudget budget,
			long reserved) {
		this.headers = headers;
		this.size = size;
		this.sha256 = sha256;
		this.memory = memory;
		this.file = file;
		this.budget = budget;
		this.reserved = reserved;
	}

	static StreamedPart inMemory(PartHeaders headers, byte[] bytes, int size, String sha256, MemoryBudget budget,
			long reserved) {
		return new StreamedPart(headers, size, sha256, bytes, null, budget, reserved);
	}

	static StreamedPart onDisk(PartHeaders headers, Path file, long size, String sha256) {
		return new StreamedPart(headers, size, sha256, null, file, null, 0);
	}

	@Override
	public boolean inMemory() {
		return this.memory != null;
	}

	void release() {
		if (this.released.compareAndSet(false, true)) {
			if (this.file != null) {
				TempFileBytes.deleteQuietly(this.file);
			}
			else {
				this.budget.release(this.reserved);
			}
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
		return (this.memory != null) ? Arrays.copyOf(this.memory, (int) this.size) : Files.readAllBytes(this.file);
	}

	@Override
	public InputStream getInputStream() throws IOException {
		return openStream();
	}

	@Override
	public InputStream openStream() throws IOException {
		if (this.released.get()) {
			throw new IOException("The part was released with its request");
		}
		return (this.memory != null) ? new ByteArrayInputStream(this.memory, 0, (int) this.size)
				: Files.newInputStream(this.file);
	}

	@Override
	public void transferTo(File destination) throws IOException {
		try (InputStream in = openStream()) {
			Files.copy(in, destination.toPath(), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
