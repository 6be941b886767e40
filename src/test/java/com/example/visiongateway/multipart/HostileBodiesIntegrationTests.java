package com.example.visiongateway.multipart;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.RawMultipart;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.KeyHashes.sha256Hex;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bodies as an attacker sends them, over raw sockets against the running app with
 * authentication on: a body sent where none is taken is never read, a slow one is cut at
 * the body timeout, and what a request holds is charged to the shared heap and disk
 * budgets, spent budgets answering 503 and everything given back on every path.
 */
@TestPropertySource(
		properties = { "vision.auth.enabled=true", "vision.multipart.body-timeout=1s", "vision.budget.heap=1MB",
				"vision.budget.disk=3MB", "vision.budget.max-wait=50ms", "vision.multipart.in-memory-budget=256KB" })
class HostileBodiesIntegrationTests extends GatewayIntegrationTest {

	private static final String KEY = "vg-test-hostile-4b1d";

	private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

	private static final long SIXTY_MB = 60L * 1024 * 1024;

	@Autowired
	@Qualifier(BudgetConfiguration.HEAP)
	private Budget heap;

	@Autowired
	@Qualifier(BudgetConfiguration.DISK)
	private Budget disk;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> "hostile:" + sha256Hex(KEY));
	}

	@ParameterizedTest(name = "{0} {1} with key ''{2}''")
	@CsvSource({ "POST, /actuator/health, ''", "POST, /v3/api-docs, ''", "POST, /swagger-ui/index.html, ''",
			"POST, /v1/vision/caption, ''", "POST, /v1/vision/caption, wrong", "POST, /no/such/path, right",
			"GET, /v1/files, right", "PUT, /v1/vision/caption, right" })
	void answersABodySentWhereNoneIsTakenAtOnceWithoutReadingIt(String method, String path, String key)
			throws Exception {
		Set<Path> before = tempFiles();
		String keyHeader = switch (key) {
			case "right" -> "X-API-Key: " + KEY + "\r\n";
			case "wrong" -> "X-API-Key: " + KEY + "x\r\n";
			default -> "";
		};
		// three 60 MB file parts, as the reproduction sends them
		String partHeaders = "--b0undary\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n";
		long declared = 3 * (partHeaders.length() + SIXTY_MB + 2) + "--b0undary--".length();
		try (Socket socket = new Socket("127.0.0.1", port())) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + keyHeader
					+ "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: " + declared + "\r\n\r\n"
					+ partHeaders)
				.getBytes(StandardCharsets.US_ASCII));
			AtomicBoolean stop = new AtomicBoolean();
			AtomicLong sent = new AtomicLong();
			CompletableFuture<Void> sender = CompletableFuture.runAsync(() -> send(out, SIXTY_MB, stop, sent));
			long start = System.nanoTime();

			String statusLine = readLine(socket.getInputStream());
			Duration answeredAfter = Duration.ofNanos(System.nanoTime() - start);
			assertThat(this.heap.used()).as("heap held while answering").isZero();
			assertThat(this.disk.used()).as("disk held while answering").isZero();
			assertThat(tempFiles()).as("temp files while answering").isSubsetOf(before);

			assertThat(statusLine).matches("HTTP/1.1 (4\\d\\d|200).*");
			assertThat(answeredAfter).isLessThan(Duration.ofSeconds(3));
			assertThat(closedWithin(socket.getInputStream(), Duration.ofSeconds(5)))
				.as("the connection is closed rather than the body drained")
				.isTrue();
			stop.set(true);
			sender.exceptionally((ex) -> null).join();
			assertThat(sent.get()).as("bytes the gateway let in").isLessThan(SIXTY_MB);
		}
		assertThat(tempFiles()).isSubsetOf(before);
		assertThat(this.heap.used()).isZero();
	}

	@Test
	void cutsABodyThatTakesLongerThanTheBodyTimeoutWith408AndGivesEverythingBack() throws Exception {
		Set<Path> before = tempFiles();
		byte[] body = new RawMultipart("b0undary").field("prompt", "p".repeat(5_000))
			.file("images", "c.png", "image/png", TestImages.fixture("chelsea.png"))
			.build();
		try (Socket socket = new Socket("127.0.0.1", port())) {
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(("POST /v1/vision/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + KEY + "\r\n"
					+ "Content-Type: multipart/form-data; boundary=b0undary\r\nContent-Length: " + body.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			AtomicBoolean stop = new AtomicBoolean();
			long start = System.nanoTime();
			// 200 bytes every 100 ms: the whole body would take minutes
			CompletableFuture<Void> dripping = CompletableFuture.runAsync(() -> drip(out, body, stop));

			String statusLine = readLine(socket.getInputStream());
			String rest = readAll(socket.getInputStream());
			stop.set(true);
			dripping.exceptionally((ex) -> null).join();

			assertThat(statusLine).startsWith("HTTP/1.1 408");
			assertThat(rest).contains("\"code\":\"REQUEST_TIMEOUT\"");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
		awaitReleased(before);
	}

	@Test
	void answersOverloadedWithRetryAfterWhenTheDiskBudgetIsSpentAndGivesItBack() throws IOException {
		Set<Path> before = tempFiles();
		// past the in-memory share, so on disk; larger than the 3 MB disk budget
		RawMultipart body = new RawMultipart("b0undary").file("images", "big.png", "image/png",
				TestImages.pngOfSize(4_000_000, 5));

		Reply reply = this.gateway.withHeader("X-API-Key", KEY)
			.postRaw("/v1/vision/tokens", body.contentType(), body.build());

		assertProblem(reply, 503, "OVERLOADED");
		assertThat(reply.json().get("resource").asString()).isEqualTo("disk");
		assertThat(reply.headers().getFirst("Retry-After")).isEqualTo("1");
		awaitReleased(before);
	}

	@Test
	void answersOverloadedWhenTheHeapBudgetCannotHoldWhatARequestMustKeep() throws IOException {
		Set<Path> before = tempFiles();
		// 600 KB of text is kept as Strings (two bytes a character): more than the 1 MB
		// heap budget
		RawMultipart body = new RawMultipart("b0undary");
		for (int i = 0; i < 10; i++) {
			body.field("labels", "l".repeat(60_000));
		}
		body.file("images", "c.png", "image/png", TestImages.fixture("chelsea.png"));

		Reply reply = this.gateway.withHeader("X-API-Key", KEY)
			.postRaw("/v1/vision/classify", body.contentType(), body.build());

		assertProblem(reply, 503, "OVERLOADED");
		assertThat(reply.json().get("resource").asString()).isEqualTo("heap");
		assertThat(stub.generateContentRequests()).isEmpty();
		awaitReleased(before);
	}

	@Test
	void servesAnOrdinaryRequestWithinTheBudgetsAndGivesThemBack() throws IOException {
		Set<Path> before = tempFiles();
		RawMultipart body = new RawMultipart("b0undary")
			.file("images", "small.png", "image/png", TestImages.pngOfSize(300_000, 1))
			.file("images", "large.png", "image/png", TestImages.pngOfSize(900_000, 2))
			.field("prompt", "Describe it.");

		Reply reply = this.gateway.withHeader("X-API-Key", KEY)
			.postRaw("/v1/vision/caption", body.contentType(), body.build());

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("results")).hasSize(2);
		awaitReleased(before);
	}

	private void awaitReleased(Set<Path> before) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while ((this.heap.used() != 0 || this.disk.used() != 0 || !before.containsAll(tempFiles()))
				&& System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(this.heap.used()).isZero();
		assertThat(this.disk.used()).isZero();
		assertThat(tempFiles()).isSubsetOf(before);
	}

	/**
	 * Zeros, as fast as the gateway takes them, until it stops taking them or the test is
	 * done.
	 */
	private static void send(OutputStream out, long bytes, AtomicBoolean stop, AtomicLong sent) {
		byte[] chunk = new byte[64 * 1024];
		try {
			while (!stop.get() && sent.get() < bytes) {
				out.write(chunk);
				sent.addAndGet(chunk.length);
			}
		}
		catch (IOException closedByTheGateway) {
			// what should happen
		}
	}

	private static void drip(OutputStream out, byte[] body, AtomicBoolean stop) {
		try {
			for (int i = 0; i < body.length && !stop.get(); i += 200) {
				out.write(body, i, Math.min(200, body.length - i));
				out.flush();
				Thread.sleep(100);
			}
		}
		catch (IOException | InterruptedException ex) {
			// the gateway gave up on the body, as it should
		}
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		try {
			for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
				line.write(b);
			}
		}
		catch (SocketTimeoutException ex) {
			return "no answer within the socket timeout";
		}
		return line.toString(StandardCharsets.US_ASCII).strip();
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				all.write(buffer, 0, n);
				String text = all.toString(StandardCharsets.UTF_8);
				if (text.contains("}")) {
					break;
				}
			}
		}
		catch (SocketTimeoutException ex) {
			// what arrived is asserted on
		}
		return all.toString(StandardCharsets.UTF_8);
	}

	/**
	 * Reads the rest of the answer; true when the gateway closed the connection after it.
	 */
	private static boolean closedWithin(InputStream in, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		byte[] buffer = new byte[8192];
		try {
			while (System.nanoTime() < deadline) {
				if (in.read(buffer) < 0) {
					return true;
				}
			}
			return false;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException reset) {
			return true;
		}
	}

	private static Set<Path> tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(TEMP)) {
			return files.filter((path) -> path.getFileName().toString().startsWith("vision-"))
				.collect(Collectors.toSet());
		}
	}

}
