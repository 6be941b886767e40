package com.example.visiongateway.deploy;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Does to the packaged jar what the Dockerfile does, without Docker: extracts the layers
 * with the Dockerfile's own command, lays them out as its COPY lines do, and starts the
 * app with its ENTRYPOINT and ENV on Java 25 when this machine has it — here without the
 * AOT cache the image's training run adds ({@link AotCacheIT} covers that), which is how
 * a pod starts when the cache is missing or refused. Runs under failsafe, after
 * {@code package}: {@code ./mvnw verify}.
 */
class LayeredJarIT {

	@Test
	void extractedLayersStartWithTheImageSettingsAndShutDownGracefully(@TempDir Path work) throws Exception {
		ExtractedApp app = ExtractedApp.extract(work);
		Path tmp = Files.createDirectories(work.resolve("tmp"));
		Map<String, Long> appFilesBefore = listing(app.dir());
		int port = ExtractedApp.freePort();
		Path log = work.resolve("app.log");

		Process process = app.start(tmp, port, log, "");
		try {
			app.awaitReady(process, port, log);
			HttpResponse<String> health = app.get(port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}
		finally {
			// SIGTERM, as the kubelet sends it.
			process.destroy();
		}
		assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("exits within the graceful shutdown").isTrue();

		String output = Files.readString(log);
		assertThat(output).contains("Picked up JAVA_TOOL_OPTIONS: " + app.dockerfile().env().get("JAVA_TOOL_OPTIONS"));
		assertThat(output).contains("Graceful shutdown complete");
		if (Files.isExecutable(ExtractedApp.JAVA_25)) {
			assertThat(output).contains("using Java 25");
		}
		assertThat(listing(app.dir())).as("nothing written outside /tmp (the image's root filesystem is read-only)")
			.isEqualTo(appFilesBefore);
		assertThat(tmp).isNotEmptyDirectory();
	}

	/**
	 * Every file under the directory with its size: changes if the app writes, creates or
	 * deletes anything there.
	 */
	private static Map<String, Long> listing(Path directory) throws IOException {
		Map<String, Long> listing = new TreeMap<>();
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				listing.put(directory.relativize(file).toString(), Files.isDirectory(file) ? -1 : Files.size(file));
			}
		}
		return listing;
	}

}
