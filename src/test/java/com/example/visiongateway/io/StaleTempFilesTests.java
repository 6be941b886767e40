package com.example.visiongateway.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class StaleTempFilesTests {

	@TempDir
	Path dir;

	@Test
	void deletesOnlyTheGatewaysOwnFilesOlderThanAnyRequest() throws IOException {
		Instant now = Instant.parse("2026-11-25T12:00:00Z");
		Path stalePart = file("vision-part-123.img", now.minus(Duration.ofHours(2)));
		Path staleFetch = file("vision-fetch-9.img", now.minus(Duration.ofDays(3)));
		Path freshPart = file("vision-part-456.img", now.minus(Duration.ofMinutes(20)));
		Path someoneElses = file("other-123.img", now.minus(Duration.ofDays(3)));
		Path notAnImage = file("vision-part-1.txt", now.minus(Duration.ofDays(3)));

		int deleted = StaleTempFiles.sweep(this.dir, now.minus(StaleTempFiles.MIN_AGE));

		assertThat(deleted).isEqualTo(2);
		assertThat(stalePart).doesNotExist();
		assertThat(staleFetch).doesNotExist();
		assertThat(freshPart).exists();
		assertThat(someoneElses).exists();
		assertThat(notAnImage).exists();
	}

	@Test
	void namesEveryTempFileSoTheSweepRecognisesIt() throws IOException {
		Path created = TempFileBytes.create("part");
		try {
			assertThat(created.getFileName().toString()).startsWith("vision-part-").endsWith(".img");
			Files.setLastModifiedTime(created, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
			Path moved = Files.move(created, this.dir.resolve(created.getFileName()));

			assertThat(StaleTempFiles.sweep(this.dir, Instant.now().minus(StaleTempFiles.MIN_AGE))).isEqualTo(1);
			assertThat(moved).doesNotExist();
		}
		finally {
			TempFileBytes.deleteQuietly(created);
		}
	}

	private Path file(String name, Instant modified) throws IOException {
		Path file = Files.createFile(this.dir.resolve(name));
		Files.setLastModifiedTime(file, FileTime.from(modified));
		return file;
	}

}
