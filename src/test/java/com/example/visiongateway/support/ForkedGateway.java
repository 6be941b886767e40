package com.example.visiongateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.VisionGatewayApplication;

/**
 * The application in a JVM of its own, from the test class path, for tests that need what
 * an in-process app cannot give: a small heap that an OutOfMemoryError would end
 * ({@code -XX:+ExitOnOutOfMemoryError}). Closing it ends that process only.
 */
public final class ForkedGateway implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Process process;

	private final int port;

	private final Path log;

	private ForkedGateway(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Starts the app and waits until it is ready.
	 * @param maxHeap the {@code -Xmx} value, {@code 512m} say
	 * @param dir where its log and temp files go
	 * @param arguments Spring arguments ({@code --name=value})
	 */
	public static ForkedGateway start(String maxHeap, Path dir, String... arguments) throws Exception {
		int port = freePort();
		Path tmp = Files.createDirectories(dir.resolve("tmp"));
		Path log = dir.resolve("gateway.log");
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + maxHeap,
						"-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true", "-Djava.io.tmpdir=" + tmp, "-cp",
						System.getProperty("java.class.path"), VisionGatewayApplication.class.getName(),
						"--server.address=127.0.0.1", "--server.port=" + port, "--management.server.port=" + port));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		ForkedGateway gateway = new ForkedGateway(process, port, log);
		try {
			gateway.awaitReady();
		}
		catch (Exception | AssertionError ex) {
			gateway.close();
			throw ex;
		}
		return gateway;
	}

	public int port() {
		return this.port;
	}

	public boolean alive() {
		return this.process.isAlive();
	}

	/** Everything the app wrote to stdout and stderr so far. */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void awaitReady() throws Exception {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new AssertionError("The app exited with " + this.process.exitValue() + ":\n" + log());
			}
			try {
				HttpRequest request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/actuator/health/readiness"))
					.timeout(Duration.ofSeconds(5))
					.build();
				HttpResponse<String> readiness = this.http.send(request, HttpResponse.BodyHandlers.ofString());
				if (readiness.statusCode() == 200 && readiness.body().contains("\"status\":\"UP\"")) {
					return;
				}
			}
			catch (IOException notListeningYet) {
				// Keep polling until the deadline.
			}
			Thread.sleep(200);
		}
		throw new AssertionError("Not ready within " + START_TIMEOUT + ":\n" + log());
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
