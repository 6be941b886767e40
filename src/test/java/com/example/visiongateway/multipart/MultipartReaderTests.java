package com.example.visiongateway.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.web.multipart.MultipartFile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

class MultipartReaderTests {

	private static final String BOUNDARY = "b0undary";

	/**
	 * One spool thread: a second large part at once is spooled by the reading thread
	 * itself.
	 */
	private static final ExecutorService SPOOLER = new ThreadPoolExecutor(1, 1, 1, TimeUnit.SECONDS,
			new SynchronousQueue<>());

	private static final Duration TIMEOUT = Duration.ofMinutes(1);

	private static final MultipartLimits LIMITS = new MultipartLimits(100, 1024, 1024, 4096, 1 << 20, 8 << 20,
			64 * 1024);

	@AfterAll
	static void stopSpooler() {
		SPOOLER.shutdownNow();
	}

	@Test
	void readsTextAndFilePartsInOrderWithTheirDigests() throws IOException {
		byte[] image = bytes(1, 300_000);
		Body body = new Body().text("prompt", "été")
			.file("images", "a.png", "image/png", image)
			.file("images", "b.png", null, new byte[] { 1, 2, 3 })
			.text("labels", "cat")
			.text("labels", "dog");

		ParsedMultipart parsed = read(body.bytes(), LIMITS, budgets(1 << 20));

		assertThat(parsed.parameters()).containsOnlyKeys("prompt", "labels");
		assertThat(parsed.parameters().get("prompt")).containsExactly("été");
		assertThat(parsed.parameters().get("labels")).containsExactly("cat", "dog");
		List<MultipartFile> images = parsed.files().get("images");
		assertThat(images).extracting(MultipartFile::getOriginalFilename).containsExactly("a.png", "b.png");
		assertThat(images).extracting(MultipartFile::getContentType).containsExactly("image/png", null);
		assertThat(images.get(0).getBytes()).isEqualTo(image);
		assertThat(images.get(1).getBytes()).containsExactly(1, 2, 3);
		assertThat(((StreamedPart) images.get(0)).knownSha256()).isEqualTo(sha256(image));
		assertThat(((StreamedPart) images.get(0)).inMemory()).isFalse();
		assertThat(((StreamedPart) images.get(1)).inMemory()).isTrue();
		parsed.release();
	}

	@Test
	void returnsEveryPartExactlyWhateverWhereTheDelimitersFallInTheReadBuffer() throws IOException {
		Random random = new Random(7);
		for (int round = 0; round < 60; round++) {
			Body body = new Body();
			List<byte[]> expected = new ArrayList<>();
			int parts = 1 + random.nextInt(6);
			for (int i = 0; i < parts; i++) {
				// Sizes around the 64 KB buffer, bodies full of near-delimiters.
				int size = (random.nextInt(3) == 0) ? random.nextInt(40) : 60_000 + random.nextInt(80_000);
				byte[] content = nearDelimiters(random, size);
				expected.add(content);
				body.file("images", i + ".bin", "application/octet-stream", content);
			}
			long heap = random.nextBoolean() ? 0 : 1 << 20;
			BodyBudgets budget = budgets(heap);

			ParsedMultipart parsed = read(body.bytes(), LIMITS, budget);

			List<MultipartFile> files = parsed.files().get("images");
			assertThat(files).hasSize(parts);
			for (int i = 0; i < parts; i++) {
				assertThat(files.get(i).getBytes()).as("round %d part %d", round, i).isEqualTo(expected.get(i));
				assertThat(((StreamedPart) files.get(i)).knownSha256()).isEqualTo(sha256(expected.get(i)));
			}
			parsed.release();
			assertReleased(budget);
		}
	}

	@Test
	void keepsLargePartsExactWhetherOnTheHeapOrSpilledHalfWay() throws IOException {
		// Past 256 KB a spool thread digests heap chunks; a part then outgrows the
		// in-memory size (512 KB) or the
		// budget and moves to a temp file half-way.
		MultipartLimits limits = new MultipartLimits(100, 1024, 1024, 4096, 4 << 20, 16 << 20, 512 * 1024);
		Random random = new Random(11);
		for (int round = 0; round < 20; round++) {
			Body body = new Body();
			List<byte[]> expected = new ArrayList<>();
			int parts = 1 + random.nextInt(3);
			for (int i = 0; i < parts; i++) {
				byte[] content = nearDelimiters(random, 200_000 + random.nextInt(500_000));
				expected.add(content);
				body.file("images", i + ".bin", null, content);
			}
			long heap = List.of(0L, 300_000L, 900_000L, 4L << 20).get(round % 4);
			BodyBudgets budget = budgets(heap);

			ParsedMultipart parsed = read(body.bytes(), limits, budget);

			List<MultipartFile> files = parsed.files().get("images");
			for (int i = 0; i < parts; i++) {
				StreamedPart part = (StreamedPart) files.get(i);
				assertThat(part.getBytes()).as("round %d part %d", round, i).isEqualTo(expected.get(i));
				assertThat(part.knownSha256()).isEqualTo(sha256(expected.get(i)));
				if (heap == 0 || expected.get(i).length > 512 * 1024) {
					assertThat(part.inMemory()).isFalse();
				}
			}
			if (heap == 4L << 20) {
				assertThat(files).extracting((file) -> ((StreamedPart) file).inMemory())
					.as("room for every part under the in-memory size")
					.containsExactlyElementsOf(
							expected.stream().map((content) -> content.length <= 512 * 1024).toList());
			}
			parsed.release();
			assertReleased(budget);
		}
	}

	@Test
	void acceptsAPreambleTransportPaddingAndAnEpilogue() throws IOException {
		byte[] body = ("preamble\r\n--b0undary  \t\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n--b0undary--"
				+ "\r\nepilogue")
			.getBytes(StandardCharsets.US_ASCII);

		assertThat(read(body, LIMITS, budgets(0)).parameters().get("a")).containsExactly("x");
	}

	@Test
	void keepsSmallFilesOnTheHeapWithinTheBudgetAndGivesTheBudgetBack() throws IOException {
		BodyBudgets budget = budgets(15_000);
		Body body = new Body().file("images", "a", null, bytes(2, 9_000))
			.file("images", "b", null, bytes(3, 9_000))
			.file("images", "c", null, bytes(4, 9_000));

		ParsedMultipart parsed = read(body.bytes(), LIMITS, budget);

		assertThat(parsed.files().get("images")).extracting((file) -> ((StreamedPart) file).inMemory())
			.containsExactly(true, false, false);
		assertThat(budget.heap().used()).isGreaterThanOrEqualTo(9_000);
		parsed.release();
		parsed.release();
		assertReleased(budget);
		assertThatIOException().isThrownBy(() -> parsed.files().getFirst("images").getInputStream());
	}

	@Test
	void refusesAFileOverTheImageLimitNamingThePart() {
		Body body = new Body().file("images", "big.png", null, bytes(5, LIMITS.maxFileSize() + 1));

		assertRefused(body.bytes(), ErrorCode.PAYLOAD_TOO_LARGE, "images", LIMITS.maxFileSize());
	}

	@Test
	void refusesABodyOverTheRequestLimit() {
		MultipartLimits limits = new MultipartLimits(100, 1024, 1024, 4096, 1 << 20, 2 << 20, 64 * 1024);
		Body body = new Body();
		for (int i = 0; i < 3; i++) {
			body.file("images", i + ".png", null, bytes(i, 1_000_000));
		}

		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(body.bytes(), limits, budgets(0)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
				assertThat(ex.properties()).containsEntry("limit", 2L << 20);
			});
	}

	@Test
	void refusesMorePartsThanAllowed() {
		Body body = new Body();
		for (int i = 0; i <= LIMITS.maxParts(); i++) {
			body.text("fileIds", "files/" + i);
		}

		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(body.bytes(), LIMITS, budgets(0)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
				assertThat(ex.properties()).containsEntry("limit", LIMITS.maxParts());
			});
	}

	@Test
	void refusesLongTextPartsAndTooMuchTextWith400() {
		Body longPart = new Body().text("prompt", "p".repeat(1025));
		Body muchText = new Body();
		for (int i = 0; i < 5; i++) {
			muchText.text("labels", "l".repeat(1000));
		}

		assertRefused(longPart.bytes(), ErrorCode.BAD_REQUEST, "prompt", 1024L);
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(muchText.bytes(), LIMITS, budgets(0)))
			.satisfies((ex) -> assertThat(ex.properties()).containsEntry("limit", 4096L));
	}

	@Test
	void refusesHeadersOverTheLimit() {
		Body body = new Body().file("images", "x".repeat(2000), null, new byte[] { 1 });

		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(body.bytes(), LIMITS, budgets(0)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST);
				assertThat(ex.detail()).contains("headers").doesNotContain("xxxx");
			});
	}

	@Test
	void refusesMalformedBodies() {
		byte[] valid = new Body().file("images", "a.png", null, bytes(6, 100)).bytes();
		List<byte[]> bodies = List.of(new byte[0], "no delimiter at all".getBytes(StandardCharsets.US_ASCII),
				Arrays.copyOf(valid, valid.length - 4), Arrays.copyOf(valid, 40),
				"--b0undary\r\n\r\nno headers\r\n--b0undary--".getBytes(StandardCharsets.US_ASCII),
				"--b0undaryX\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--b0undary--"
					.getBytes(StandardCharsets.US_ASCII),
				"--b0undary\r\nContent-Disposition: form-data; name=a\r\n\r\nx".getBytes(StandardCharsets.US_ASCII));
		for (byte[] body : bodies) {
			assertThatExceptionOfType(VisionException.class).as(new String(body, StandardCharsets.ISO_8859_1))
				.isThrownBy(() -> read(body, LIMITS, budgets(0)))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST));
		}
	}

	@Test
	void namesWhatIsWrongAfterADelimiter() {
		Map<String, String> bodies = Map.of("--b0undary-x\r\n", "a boundary line does not end with CRLF",
				"--b0undary  ", "a boundary line does not end with CRLF", "--b0undary \rX",
				"a boundary line does not end with CRLF", "--b0undary\r\n", "it ends inside the headers of a part",
				"--b0undary\r\n\r", "it ends inside the headers of a part", "--b0undary-",
				"it ends without its closing boundary");
		bodies.forEach((body, why) -> assertThatExceptionOfType(VisionException.class).as(body)
			.isThrownBy(() -> read(body.getBytes(StandardCharsets.US_ASCII), LIMITS, budgets(0)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST))
			.withMessageContaining(why));
	}

	@Test
	void findsTheEndOfHeadersPastLoneCarriageReturns() throws IOException {
		byte[] body = ("--b0undary\r\nX-A: 1\r\r\nX-B: 2\r\n\rX-C: 3\r\nContent-Disposition: form-data; name=a\r\n\r\nx"
				+ "\r\n--b0undary--")
			.getBytes(StandardCharsets.US_ASCII);

		assertThat(read(body, LIMITS, budgets(0)).parameters().get("a")).containsExactly("x");
	}

	@Test
	void aReadEndedBySocketTimeoutIsATimedOutBody() {
		InputStream silent = new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("read ended", new SocketTimeoutException("Read timed out"));
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				return read();
			}
		};

		assertThatExceptionOfType(VisionException.class)
			.isThrownBy(() -> new MultipartReader(silent, -1, BOUNDARY.getBytes(StandardCharsets.US_ASCII), LIMITS,
					budgets(0), SPOOLER, TIMEOUT)
				.read())
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT));
	}

	@Test
	void givesBackEverythingWhenARequestFailsHalfWay() {
		BodyBudgets budget = budgets(1 << 20);
		byte[] valid = new Body().file("images", "a", null, bytes(7, 10_000))
			.file("images", "b", null, bytes(8, 10_000))
			.bytes();

		assertThatExceptionOfType(VisionException.class)
			.isThrownBy(() -> read(Arrays.copyOf(valid, valid.length - 2_000), LIMITS, budget));
		assertReleased(budget);
	}

	@Test
	void chargesTheReadBufferNamesAndTextToTheHeapUntilTheRequestEnds() throws IOException {
		BodyBudgets budget = budgets(0);
		Body body = new Body().text("prompt", "p".repeat(1000))
			.text("labels", "cat")
			.file("images", "f".repeat(500), null, new byte[] { 1 });

		ParsedMultipart parsed = read(body.bytes(), LIMITS, budget);

		// two bytes a text byte, two a character of names and filenames; the read buffer
		// is given back already
		assertThat(budget.heap().used()).isGreaterThanOrEqualTo(2 * 1003 + 2 * 500).isLessThan(8 * 1024);
		parsed.release();
		assertReleased(budget);
	}

	@Test
	void answersOverloadedWhenTheHeapHasNoRoomForWhatARequestMustHold() {
		BodyBudgets tight = new BodyBudgets(new Budget("heap", 8 * 1024), new Budget("disk", 1L << 30), Duration.ZERO,
				new Budget("heap-parts", 0));
		Body body = new Body();
		for (int i = 0; i < 10; i++) {
			body.text("labels", "l".repeat(400));
		}

		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(body.bytes(), LIMITS, tight))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OVERLOADED));
		assertReleased(tight);
	}

	@Test
	void chargesPartsOnDiskToTheDiskBudgetAndAnswersOverloadedWhenItIsSpent() throws IOException {
		MultipartLimits limits = new MultipartLimits(100, 1024, 1024, 4096, 4 << 20, 16 << 20, 0);
		BodyBudgets roomy = budgets(0);
		Body twoParts = new Body().file("images", "a", null, bytes(9, 700_000))
			.file("images", "b", null, bytes(10, 700_000));

		ParsedMultipart parsed = read(twoParts.bytes(), limits, roomy);
		assertThat(roomy.disk().used()).isEqualTo(1_400_000);
		parsed.release();
		assertReleased(roomy);

		BodyBudgets roomForOne = new BodyBudgets(new Budget("heap", 1L << 20), new Budget("disk", 1_000_000),
				Duration.ZERO, new Budget("heap-parts", 0));
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(twoParts.bytes(), limits, roomForOne))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OVERLOADED));
		assertReleased(roomForOne);
	}

	@Test
	void refusesABodyThatTakesLongerThanItsTimeoutAndGivesBackWhatItHeld() {
		byte[] valid = new Body().text("prompt", "p".repeat(500)).file("images", "a", null, bytes(11, 5_000)).bytes();
		InputStream dripping = new InputStream() {

			private int next;

			@Override
			public int read() {
				throw new UnsupportedOperationException();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				if (this.next == valid.length) {
					return -1;
				}
				try {
					Thread.sleep(2);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				buffer[offset] = valid[this.next++];
				return 1;
			}

		};
		BodyBudgets budget = budgets(1 << 20);

		long start = System.nanoTime();
		assertThatExceptionOfType(VisionException.class)
			.isThrownBy(() -> new MultipartReader(dripping, valid.length, BOUNDARY.getBytes(StandardCharsets.US_ASCII),
					LIMITS, budget, SPOOLER, Duration.ofMillis(300))
				.read())
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.REQUEST_TIMEOUT));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
		assertReleased(budget);
	}

	@Test
	void passesOnReadFailures() {
		InputStream failing = new InputStream() {
			@Override
			public int read() throws IOException {
				throw new IOException("connection reset");
			}
		};

		assertThatIOException().isThrownBy(() -> new MultipartReader(failing, -1,
				BOUNDARY.getBytes(StandardCharsets.US_ASCII), LIMITS, budgets(0), SPOOLER, TIMEOUT)
			.read());
	}

	private static void assertRefused(byte[] body, ErrorCode code, String part, long limit) {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> read(body, LIMITS, budgets(0)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(code);
				assertThat(ex.properties()).containsEntry("part", part).containsEntry("limit", limit);
			});
	}

	/**
	 * Heap and disk with room to spare; image parts may take {@code partsOnHeap} of the
	 * heap.
	 */
	private static BodyBudgets budgets(long partsOnHeap) {
		return new BodyBudgets(new Budget("heap", 64L << 20), new Budget("disk", 1L << 30), Duration.ZERO,
				new Budget("heap-parts", partsOnHeap));
	}

	private static void assertReleased(BodyBudgets budgets) {
		assertThat(budgets.heap().used()).isZero();
		assertThat(budgets.partsOnHeap().used()).isZero();
		assertThat(budgets.disk().used()).isZero();
	}

	private static ParsedMultipart read(byte[] body, MultipartLimits limits, BodyBudgets budget) throws IOException {
		// Mostly without a declared length (a chunked body), sometimes with it: the
		// buffer is then sized from it.
		long declared = (body.length % 3 == 0) ? body.length : -1;
		return new MultipartReader(new ByteArrayInputStream(body), declared,
				BOUNDARY.getBytes(StandardCharsets.US_ASCII), limits, budget, SPOOLER, TIMEOUT)
			.read();
	}

	private static byte[] nearDelimiters(Random random, int size) {
		byte[] near = ("\r\n--" + BOUNDARY).getBytes(StandardCharsets.US_ASCII);
		byte[] content = new byte[size];
		random.nextBytes(content);
		for (int i = 0; i + near.length < size; i += 1 + random.nextInt(5_000)) {
			int length = 1 + random.nextInt(near.length - 1);
			System.arraycopy(near, 0, content, i, length);
			// A random byte must not complete the delimiter.
			content[i + length] = (byte) (near[length] ^ 0x55);
		}
		return content;
	}

	private static byte[] bytes(int seed, long size) {
		byte[] bytes = new byte[(int) size];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

	private static String sha256(byte[] bytes) {
		MessageDigest digest = ImageDigest.newSha256();
		return HexFormat.of().formatHex(digest.digest(bytes));
	}

	/** A body with the test boundary. */
	private static final class Body {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();

		Body text(String name, String value) {
			return part("Content-Disposition: form-data; name=\"" + name + "\"",
					value.getBytes(StandardCharsets.UTF_8));
		}

		Body file(String name, String filename, String type, byte[] content) {
			return part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\""
					+ ((type != null) ? "\r\nContent-Type: " + type : ""), content);
		}

		private Body part(String headers, byte[] content) {
			this.out.writeBytes(("--" + BOUNDARY + "\r\n" + headers + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
			this.out.writeBytes(content);
			this.out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
			return this;
		}

		byte[] bytes() {
			ByteArrayOutputStream all = new ByteArrayOutputStream();
			all.writeBytes(this.out.toByteArray());
			all.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
			return all.toByteArray();
		}

	}

}
