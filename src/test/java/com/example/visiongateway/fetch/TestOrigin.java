package com.example.visiongateway.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * An image origin on 127.0.0.1 only: images, redirect chains, a slow answer, a 404 and a
 * 30 MB body written in chunks (never held in memory), counting requests and body bytes
 * sent.
 */
final class TestOrigin implements AutoCloseable {

	static final long HUGE_SIZE = 30L * 1024 * 1024;

	static final String KEYSTORE_PASSWORD = "changeit";

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicLong hugeBytesSent = new AtomicLong();

	private final CountDownLatch hugeDone = new CountDownLatch(1);

	private TestOrigin(HttpServer server) {
		this.server = server;
		server.setExecutor(this.executor);
		server.createContext("/", this::handle);
		server.start();
	}

	static TestOrigin http() {
		try {
			return new TestOrigin(HttpServer.create(new InetSocketAddress(loopback(), 0), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Serves TLS with a certificate for the name {@code localhost} only (no IP address in
	 * it).
	 */
	static TestOrigin https() {
		try {
			HttpsServer server = HttpsServer.create(new InetSocketAddress(loopback(), 0), 0);
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(keyStore(), KEYSTORE_PASSWORD.toCharArray());
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			server.setHttpsConfigurator(new HttpsConfigurator(context));
			return new TestOrigin(server);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static KeyStore keyStore() throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = TestOrigin.class.getResourceAsStream("/fetch/localhost.p12")) {
			store.load(in, KEYSTORE_PASSWORD.toCharArray());
		}
		return store;
	}

	static InetAddress loopback() {
		try {
			return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static byte[] fixture(String name) {
		try (InputStream in = TestOrigin.class.getResourceAsStream("/images/" + name)) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String url(String host, String path) {
		String scheme = (this.server instanceof HttpsServer) ? "https" : "http";
		return scheme + "://" + host + ":" + port() + path;
	}

	int requests() {
		return this.requests.get();
	}

	/**
	 * Waits until the 30 MB handler stopped writing (done or cut off), then tells how
	 * much it sent.
	 */
	long hugeBytesSent() throws InterruptedException {
		if (!this.hugeDone.await(10, TimeUnit.SECONDS)) {
			throw new IllegalStateException("The huge body is still being written");
		}
		return this.hugeBytesSent.get();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		String path = exchange.getRequestURI().getPath();
		try (exchange) {
			if (path.equals("/chelsea.png")) {
				send(exchange, 200, "image/png", fixture("chelsea.png"));
			}
			else if (path.equals("/unsupported.gif")) {
				send(exchange, 200, "image/gif", fixture("unsupported.gif"));
			}
			else if (path.startsWith("/hops/")) {
				int left = Integer.parseInt(path.substring("/hops/".length()));
				redirectOrImage(exchange, left);
			}
			else if (path.equals("/redirect")) {
				// the target is the whole query, so tests can redirect anywhere, any
				// scheme
				exchange.getResponseHeaders().set("Location", exchange.getRequestURI().getRawQuery());
				exchange.sendResponseHeaders(302, -1);
			}
			else if (path.equals("/slow")) {
				sleep(10_000);
				send(exchange, 200, "image/png", fixture("chelsea.png"));
			}
			else if (path.equals("/huge")) {
				huge(exchange, HUGE_SIZE);
			}
			else if (path.equals("/huge-chunked")) {
				huge(exchange, 0);
			}
			else {
				exchange.sendResponseHeaders(404, -1);
			}
		}
	}

	/**
	 * Alternates relative and absolute Locations, since both must be checked the same
	 * way.
	 */
	private void redirectOrImage(HttpExchange exchange, int left) throws IOException {
		if (left == 0) {
			send(exchange, 200, "image/png", fixture("chelsea.png"));
			return;
		}
		String next = "/hops/" + (left - 1);
		String location = (left % 2 == 0) ? next : url("127.0.0.1", next);
		exchange.getResponseHeaders().set("Location", location);
		exchange.sendResponseHeaders(302, -1);
	}

	/** A zero length means chunked: no Content-Length announces the size. */
	private void huge(HttpExchange exchange, long contentLength) {
		try {
			exchange.getResponseHeaders().set("Content-Type", "image/png");
			exchange.sendResponseHeaders(200, contentLength);
			byte[] chunk = new byte[64 * 1024];
			OutputStream body = exchange.getResponseBody();
			for (long sent = 0; sent < HUGE_SIZE; sent += chunk.length) {
				body.write(chunk);
				this.hugeBytesSent.addAndGet(chunk.length);
			}
		}
		catch (IOException ex) {
			// the client hung up: exactly what the limit should make it do
		}
		finally {
			this.hugeDone.countDown();
		}
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, body.length);
		exchange.getResponseBody().write(body);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * A plain TCP listener that only counts connections: proof that a refused address was
	 * never contacted.
	 */
	static final class ConnectionCounter implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger accepted = new AtomicInteger();

		ConnectionCounter(InetAddress address) throws IOException {
			this.socket = new ServerSocket(0, 50, address);
			Thread acceptor = new Thread(this::accept, "connection-counter");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int accepted() {
			return this.accepted.get();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try (Socket connection = this.socket.accept()) {
					this.accepted.incrementAndGet();
					connection.shutdownOutput();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

	}

}
