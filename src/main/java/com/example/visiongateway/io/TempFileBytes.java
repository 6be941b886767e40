package com.example.visiongateway.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes spooled to a temp file (a fetched body, a downscaled image), deleted by whoever
 * owns them when done.
 */
public record TempFileBytes(Path path, long size) implements ByteSource {

	@Override
	public InputStream openStream() throws IOException {
		return Files.newInputStream(this.path);
	}

	public void delete() {
		deleteQuietly(this.path);
	}

	/**
	 * Every temp file of the gateway is named {@code vision-KIND-*.img}, so a sweep can
	 * recognise its own.
	 */
	static final String PREFIX = "vision-";

	static final String SUFFIX = ".img";

	/**
	 * A new empty temp file named after its kind ({@code part}, {@code fetch},
	 * {@code downscaled}).
	 */
	public static Path create(String kind) {
		try {
			return Files.createTempFile(PREFIX + kind + "-", SUFFIX);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Cleanup must not hide the failure that made it necessary. */
	public static void deleteQuietly(Path path) {
		try {
			Files.deleteIfExists(path);
		}
		catch (IOException ex) {
			path.toFile().deleteOnExit();
		}
	}

}
