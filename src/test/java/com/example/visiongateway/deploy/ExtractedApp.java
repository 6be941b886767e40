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
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar laid out as the Dockerfile lays it out (its own extraction command,
 * its COPY lines in order) and started with its ENTRYPOINT and ENV, on Java 25 when this
 * machine has it, as the image runs: what the ITs in this package share.
 */
final class ExtractedApp {

	static final Path JAVA_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final DockerfileSpec dockerfile = DockerfileSpec.read();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Path dir;

	private ExtractedApp(Path dir) {
		this.dir = dir;
	}

	/**
	 * Extracts the packaged jar's layers under {@code work/build} and copies them onto
	 * {@code work/app}.
	 */
	static ExtractedApp extract(Path work) throws IOException, InterruptedException {
		ExtractedApp app = new ExtractedApp(Files.createDirectories(work.resolve("app")));
		Path build = Files.createDirectories(work.resolve("build"));
		Files.copy(packagedJar(), build.resolve("app.jar"));
		List<String> command = new ArrayList<>(app.dockerfile.extractCommand());
		command.set(0, java());
		Process extract = new ProcessBuilder(command).directory(build.toFile())
			.redirectErrorStream(true)
			.redirectOutput(build.resolve("extract.log").toFile())
			.start();
		assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(extract.exitValue()).as(Files.readString(build.resolve("extract.log"))).isZero();
		String destination = command.get(command.indexOf("--destination") + 1);
		for (String layer : app.dockerfile.layers()) {
			copyTree(build.resolve(destination).resolve(layer), app.dir);
		}
		return app;
	}

	Path dir() {
		return this.dir;
	}

	DockerfileSpec dockerfile() {
		return this.dockerfile;
	}

	/**
	 * Starts the app with only what a container would have: the image's ENV plus the
	 * settings a deployment provides.
	 * @param javaToolOptions added to the image's {@code JAVA_TOOL_OPTIONS}
	 */
	Process start(Path tmp, int port, Path log, String javaToolOptions) throws IOException {
		List<String> command = new ArrayList<>(this.dockerfile.entrypoint());
		command.set(0, java());
		if (!Files.isExecutable(JAVA_25)) {
			// The image always runs Java 25; an older JVM only knows the class path, not
			// the AOT cache's flags.
			command.removeIf((argument) -> argument.startsWith("-XX:AOT"));
		}
		ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		Map<String, String> env = builder.environment();
		env.clear();
		env.putAll(this.dockerfile.env());
		env.put("JAVA_TOOL_OPTIONS",
				this.dockerfile.env().get("JAVA_TOOL_OPTIONS") + " -Djava.io.tmpdir=" + tmp + " " + javaToolOptions);
		env.put("GEMINI_API_KEY", "dummy-key");
		env.put("GEMINI_BASE_URL", "http://127.0.0.1:9");
		env.put("SERVER_ADDRESS", "127.0.0.1");
		env.put("SERVER_PORT", Integer.toString(port));
		return builder.start();
	}

	void awaitReady(Process process, int port, Path log) throws Exception {
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
			Thread.sleep(100);
		}
		throw new AssertionError("Not ready within " + START_TIMEOUT + ":\n" + Files.readString(log));
	}

	HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	static String java() {
		return Files.isExecutable(JAVA_25) ? JAVA_25.toString()
				: Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static Path packagedJar() throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"),
				"vision-gateway-*-SNAPSHOT.jar")) {
			for (Path jar : jars) {
				return jar;
			}
		}
		throw new AssertionError("No packaged jar in target/: run ./mvnw verify");
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

}
