package com.example.visiongateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Does to the packaged jar what the Dockerfile does, without Docker: extracts the layers with the Dockerfile's own
 * command, lays them out as its COPY lines do, and starts the app with its ENTRYPOINT and ENV on Java 25 when this
 * machine has it. Runs under failsafe, after {@code package}: {@code ./mvnw verify}.
 */
class LayeredJarIT {

	private static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final DockerfileSpec dockerfile = DockerfileSpec.read();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void extractedLayersStartWithTheImageSettingsAndShutDownGracefully(@TempDir Path work) throws Exception {
		Path app = Files.createDirectories(work.resolve("app"));
		Path tmp = Files.createDirectories(work.resolve("tmp"));
		extractLayersInto(app, work.resolve("build"));
		Map<String, Long> appFilesBefore = listing(app);
		int port = freePort();
		Path log = work.resolve("app.log");

		Process process = start(app, tmp, port, log);
		try {
			awaitReady(process, port, log);
			HttpResponse<String> health = get(port, "/actuator/health");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(health.body()).contains("\"status\":\"UP\"");
		}
		finally {
			// SIGTERM, as the kubelet sends it.
			process.destroy();
		}
		assertThat(process.waitFor(45, TimeUnit.SECONDS)).as("exits within the graceful shutdown").isTrue();

		String output = Files.readString(log);
		assertThat(output).contains("Picked up JAVA_TOOL_OPTIONS: " + this.dockerfile.env().get("JAVA_TOOL_OPTIONS"));
		assertThat(output).contains("Graceful shutdown complete");
		if (Files.isExecutable(JAVA_25)) {
			assertThat(output).contains("using Java 25");
		}
		assertThat(listing(app)).as("nothing written outside /tmp (the image's root filesystem is read-only)")
			.isEqualTo(appFilesBefore);
		assertThat(tmp).isNotEmptyDirectory();
	}

	private void extractLayersInto(Path app, Path build) throws IOException, InterruptedException {
		Files.createDirectories(build);
		Files.copy(packagedJar(), build.resolve("app.jar"));
		List<String> command = new ArrayList<>(this.dockerfile.extractCommand());
		command.set(0, java());
		Process extract = new ProcessBuilder(command).directory(build.toFile())
			.redirectErrorStream(true)
			.redirectOutput(build.resolve("extract.log").toFile())
			.start();
		assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(extract.exitValue()).as(Files.readString(build.resolve("extract.log"))).isZero();
		String destination = command.get(command.indexOf("--destination") + 1);
		for (String layer : this.dockerfile.layers()) {
			copyTree(build.resolve(destination).resolve(layer), app);
		}
	}

	private Process start(Path app, Path tmp, int port, Path log) throws IOException {
		List<String> command = new ArrayList<>(this.dockerfile.entrypoint());
		command.set(0, java());
		ProcessBuilder builder = new ProcessBuilder(command).directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		// Only what a container would have: the image's ENV plus the settings a deployment provides.
		env.clear();
		env.putAll(this.dockerfile.env());
		env.put("JAVA_TOOL_OPTIONS", this.dockerfile.env().get("JAVA_TOOL_OPTIONS") + " -Djava.io.tmpdir=" + tmp);
		env.put("GEMINI_API_KEY", "dummy-key");
		env.put("GEMINI_BASE_URL", "http://127.0.0.1:9");
		env.put("SERVER_ADDRESS", "127.0.0.1");
		env.put("SERVER_PORT", Integer.toString(port));
		return builder.start();
	}

	private void awaitReady(Process process, int port, Path log) throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError("The app exited with " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				HttpResponse<String> readiness = get(port, "/actuator/health/readiness");
				if (readiness.statusCode() == 200 && readiness.body().contains("\"status\":\"UP\"")) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// Keep polling until the deadline.
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static Path packagedJar() throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "vision-gateway-*.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		throw new AssertionError("No packaged jar in target/: run ./mvnw verify");
	}

	private static String java() {
		return Files.isExecutable(JAVA_25) ? JAVA_25.toString()
				: Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Copies a layer onto the app directory, merging directories, as Docker's COPY does.
	 */
	private static void copyTree(Path source, Path target) throws IOException {
		try (Stream<Path> files = Files.walk(source)) {
			files.forEach((file) -> {
				try {
					Path copy = target.resolve(source.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(copy);
					}
					else {
						Files.copy(file, copy);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
	}

	/**
	 * Every file under the directory with its size: changes if the app writes, creates or deletes anything there.
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
