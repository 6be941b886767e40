package com.example.visiongateway.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server of a test's own, on a free port and holding nothing on disk, so a test
 * can stop and restart it without touching the machine's shared Redis.
 */
public final class RedisServerProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

	private final int port;

	private final Path workDir;

	private Process process;

	private RedisServerProcess(int port, Path workDir) {
		this.port = port;
		this.workDir = workDir;
	}

	/** Whether a {@code redis-server} is on the PATH. */
	public static boolean available() {
		String path = System.getenv("PATH");
		return path != null && List.of(path.split(File.pathSeparator))
			.stream()
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, "redis-server")));
	}

	/** A server started on a free port. */
	public static RedisServerProcess start() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisServerProcess server = new RedisServerProcess(port, Files.createTempDirectory("redis-loss"));
		server.restart();
		return server;
	}

	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/** Starts the server again on the same port; returns once it answers PING. */
	public void restart() throws IOException {
		this.process = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no", "--dir", this.workDir.toString())
			.redirectErrorStream(true)
			.redirectOutput(this.workDir.resolve("redis.log").toFile())
			.start();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (!answersPing()) {
			if (!this.process.isAlive() || System.nanoTime() > deadline) {
				stop();
				throw new IOException("redis-server did not start on port " + this.port + ": "
						+ Files.readString(this.workDir.resolve("redis.log")));
			}
			sleep(20);
		}
	}

	/** Stops the server (as a crash would: no goodbye to its clients). */
	public void stop() {
		if (this.process != null) {
			this.process.destroyForcibly();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.process = null;
		}
	}

	@Override
	public void close() throws IOException {
		stop();
		try (var files = Files.list(this.workDir)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
		}
		Files.deleteIfExists(this.workDir);
	}

	private boolean answersPing() {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] answer = in.readNBytes(7);
			return "+PONG\r\n".equals(new String(answer, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
