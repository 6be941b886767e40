package com.example.visiongateway.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.example.visiongateway.io.ByteSource;

/** A fetched body spooled to a temp file, deleted when the image is released. */
record TempFileBytes(Path path, long size) implements ByteSource {

	@Override
	public InputStream openStream() throws IOException {
		return Files.newInputStream(this.path);
	}

	void delete() {
		deleteQuietly(this.path);
	}

	static Path create() {
		try {
			return Files.createTempFile("vision-fetch-", ".img");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Cleanup must not hide the failure that made it necessary. */
	static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			path.toFile().deleteOnExit();
		}
	}

}
