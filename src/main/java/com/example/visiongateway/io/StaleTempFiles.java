package com.example.visiongateway.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Deletes, at start-up, temp files a gateway that died mid-request left behind (an
 * out-of-memory exit, a killed pod whose {@code /tmp} volume outlives the container).
 * Only files older than any request can live are touched, so other gateways sharing the
 * directory keep theirs.
 */
@Component
class StaleTempFiles implements ApplicationListener<ApplicationReadyEvent> {

	/** Far beyond the longest request (the 10 minute asynchronous request timeout). */
	static final Duration MIN_AGE = Duration.ofHours(1);

	private static final Logger log = LoggerFactory.getLogger(StaleTempFiles.class);

	private final Clock clock;

	StaleTempFiles(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		try {
			int deleted = sweep(Path.of(System.getProperty("java.io.tmpdir")), this.clock.instant().minus(MIN_AGE));
			if (deleted > 0) {
				log.info("Deleted {} temp file(s) an earlier run left behind", deleted);
			}
		}
		catch (UncheckedIOException ex) {
			log.warn("Could not look for temp files an earlier run left behind: {}", ex.getMessage());
		}
	}

	/**
	 * Deletes the gateway's temp files in {@code directory} last modified before
	 * {@code cutoff}; returns how many.
	 */
	static int sweep(Path directory, Instant cutoff) {
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(directory,
				TempFileBytes.PREFIX + "*" + TempFileBytes.SUFFIX)) {
			for (Path file : files) {
				if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
					TempFileBytes.deleteQuietly(file);
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return deleted;
	}

}
