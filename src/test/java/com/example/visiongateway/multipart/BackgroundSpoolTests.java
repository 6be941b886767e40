package com.example.visiongateway.multipart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import com.example.visiongateway.image.ImageDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackgroundSpoolTests {

	private final ExecutorService executor = Executors.newSingleThreadExecutor();

	@TempDir
	Path dir;

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void writesAndDigestsEveryByteInOrder() throws IOException {
		byte[] bytes = new byte[3_000_000];
		new Random(3).nextBytes(bytes);
		Path file = this.dir.resolve("part");
		MessageDigest digest = ImageDigest.newSha256();
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
			BackgroundSpool spool = BackgroundSpool.start(this.executor, digest, channel);
			for (int offset = 0; offset < bytes.length; offset += 100_003) {
				spool.write(bytes, offset, Math.min(100_003, bytes.length - offset));
			}
			spool.finish();
		}

		assertThat(Files.readAllBytes(file)).isEqualTo(bytes);
		assertThat(HexFormat.of().formatHex(digest.digest()))
			.isEqualTo(HexFormat.of().formatHex(ImageDigest.newSha256().digest(bytes)));
	}

	@Test
	void digestsHandedHeapChunksWithoutAFile() {
		byte[] bytes = new byte[1_000_000];
		new Random(5).nextBytes(bytes);
		MessageDigest digest = ImageDigest.newSha256();
		BackgroundSpool spool = BackgroundSpool.start(this.executor, digest, null);
		for (int offset = 0; offset < bytes.length; offset += 65_536) {
			int length = Math.min(65_536, bytes.length - offset);
			byte[] chunk = new byte[length];
			System.arraycopy(bytes, offset, chunk, 0, length);
			spool.hand(chunk, length);
		}
		spool.finish();

		assertThat(HexFormat.of().formatHex(digest.digest()))
			.isEqualTo(HexFormat.of().formatHex(ImageDigest.newSha256().digest(bytes)));
	}

	@Test
	void reportsADiskFailureToTheReader() throws IOException {
		Path file = this.dir.resolve("part");
		FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
		channel.close();
		BackgroundSpool spool = BackgroundSpool.start(this.executor, ImageDigest.newSha256(), channel);

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> {
			byte[] chunk = new byte[64 * 1024];
			for (int i = 0; i < 100; i++) {
				spool.write(chunk, 0, chunk.length);
			}
			spool.finish();
		});
		spool.abandon();
	}

	@Test
	void isRefusedWhenNoThreadIsFree() throws IOException {
		try (FileChannel channel = FileChannel.open(this.dir.resolve("part"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			assertThatExceptionOfType(RejectedExecutionException.class)
				.isThrownBy(() -> BackgroundSpool.start((task) -> {
					throw new RejectedExecutionException();
				}, ImageDigest.newSha256(), channel));
		}
	}

}
