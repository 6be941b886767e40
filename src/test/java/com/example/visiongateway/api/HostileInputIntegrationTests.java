package com.example.visiongateway.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.RawMultipart;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and malformed requests over raw HTTP: byte, part and header limits enforced by
 * the gateway's multipart reader while the body streams, malformed multipart, hostile
 * filenames and text, and a seeded fuzz run. Every refusal must be a contract problem;
 * none may be a 500, a hang or a stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "vision.limits.max-image-size=1MB", "vision.limits.max-request-size=3MB",
		"vision.multipart.max-parts=30", "vision.multipart.in-memory-part-size=256KB" })
class HostileInputIntegrationTests extends GatewayIntegrationTest {

	private static final int MAX_IMAGE_SIZE = 1024 * 1024;

	private static final int MAX_REQUEST_SIZE = 3 * 1024 * 1024;

	private static final String TOKENS = "/v1/vision/tokens";

	private static final byte[] CHELSEA = TestImages.fixture("chelsea.png");

	@Test
	void refusesAnImageOverThePerImageLimitWith413() {
		RawMultipart body = new RawMultipart("b0undary").file("images", "big.png", "image/png",
				TestImages.pngOfSize(MAX_IMAGE_SIZE + 1, 1));

		Reply reply = this.gateway.postRaw(TOKENS, body.contentType(), body.build());

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
		assertThat(reply.json().get("limit").asLong()).isEqualTo(MAX_IMAGE_SIZE);
		assertThat(reply.json().get("part").asString()).isEqualTo("images");
	}

	@Test
	void acceptsAnImageExactlyAtThePerImageLimit() {
		RawMultipart body = new RawMultipart("b0undary").file("images", "edge.png", "image/png",
				TestImages.pngOfSize(MAX_IMAGE_SIZE, 1));

		assertThat(this.gateway.postRaw(TOKENS, body.contentType(), body.build()).status()).isEqualTo(200);
	}

	@Test
	void refusesARequestOverTheRequestLimitWith413EvenWhenEachImageFits() {
		RawMultipart body = new RawMultipart("b0undary");
		for (int i = 0; i < 4; i++) {
			body.file("images", i + ".png", "image/png", TestImages.pngOfSize(MAX_IMAGE_SIZE - 1000, i));
		}

		Reply reply = this.gateway.postRaw(TOKENS, body.contentType(), body.build());

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
		assertThat(reply.json().get("limit").asLong()).isEqualTo(MAX_REQUEST_SIZE);
	}

	@Test
	void enforcesTheLimitsWhileAChunkedUploadStreams() {
		RawMultipart oneImage = new RawMultipart("b0undary").file("images", "big.png", "image/png",
				TestImages.pngOfSize(MAX_IMAGE_SIZE + 500_000, 1));
		RawMultipart manyImages = new RawMultipart("b0undary");
		for (int i = 0; i < 4; i++) {
			manyImages.file("images", i + ".png", "image/png", TestImages.pngOfSize(MAX_IMAGE_SIZE - 1000, i));
		}

		Reply image = this.gateway.postStreaming(TOKENS, oneImage.contentType(), stream(oneImage.build()));
		Reply request = this.gateway.postStreaming(TOKENS, manyImages.contentType(), stream(manyImages.build()));

		assertProblem(image, 413, "PAYLOAD_TOO_LARGE");
		assertProblem(request, 413, "PAYLOAD_TOO_LARGE");
	}

	@Test
	void stopsReadingAnEndlessUploadSoonAfterTheLimit() {
		byte[] head = ("--b0undary\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		AtomicLong pulled = new AtomicLong();
		long endless = 1L << 30;

		Reply reply = null;
		try {
			reply = this.gateway.postStreaming(TOKENS, "multipart/form-data; boundary=b0undary",
					() -> new CountingStream(head, endless, pulled));
		}
		catch (UncheckedIOException closedWhileSending) {
			// Past Tomcat's swallow limit the connection is closed; the caller may miss
			// the 413 then.
		}

		// The limit, what Tomcat swallows after refusing (2 MB) and socket buffers: far
		// from the gigabyte sent.
		assertThat(pulled.get()).isLessThan(64L * 1024 * 1024);
		if (reply != null) {
			assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
		}
	}

	@Test
	void refusesMorePartsThanAllowed() {
		RawMultipart body = new RawMultipart("b0undary");
		for (int i = 0; i < 31; i++) {
			body.field("fileIds", "files/f" + i);
		}

		Reply reply = this.gateway.postRaw(TOKENS, body.contentType(), body.build());

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
		assertThat(reply.json().get("limit").asInt()).isEqualTo(30);
	}

	@Test
	void refusesMalformedMultipartBodies() {
		byte[] valid = new RawMultipart("b0undary").file("images", "c.png", "image/png", CHELSEA).build();

		assertProblem(this.gateway.postRaw(TOKENS, "multipart/form-data; boundary=other", valid), 400, "BAD_REQUEST");
		assertProblem(this.gateway.postRaw(TOKENS, "multipart/form-data; boundary=b0undary",
				Arrays.copyOf(valid, valid.length / 2)), 400, "BAD_REQUEST");
		assertProblem(this.gateway.postRaw(TOKENS, "multipart/form-data", valid), 400, "BAD_REQUEST");
		assertProblem(this.gateway.postRaw(TOKENS, "multipart/form-data; boundary=b0undary",
				"no parts at all".getBytes(StandardCharsets.US_ASCII)), 400, "BAD_REQUEST");
		assertProblem(this.gateway.postRaw(TOKENS, "multipart/form-data; boundary=b0undary", new byte[0]), 400,
				"BAD_REQUEST");
	}

	@Test
	void refusesBodiesThatAreNotMultipartOnMultipartEndpoints() {
		byte[] json = "{\"images\":[]}".getBytes(StandardCharsets.US_ASCII);
		for (String path : List.of(TOKENS, "/v1/vision/caption", "/v1/files")) {
			assertProblem(this.gateway.postRaw(path, "application/json", json), 415, "UNSUPPORTED_MEDIA_TYPE");
			assertProblem(this.gateway.postRaw(path, "image/png", CHELSEA), 415, "UNSUPPORTED_MEDIA_TYPE");
			assertProblem(this.gateway.postRaw(path, null, CHELSEA), 415, "UNSUPPORTED_MEDIA_TYPE");
			assertProblem(this.gateway.postRaw(path, "application/x-www-form-urlencoded", "images=x".getBytes()), 415,
					"UNSUPPORTED_MEDIA_TYPE");
		}
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(stub.uploadCount()).isZero();
	}

	@Test
	void echoesHostileFilenamesAsPlainData() {
		List<String> names = List.of("../../etc/passwd", "C:\\x", "..\\..\\windows\\win.ini", "/etc/shadow",
				"<script>alert(\"x\")</script>.png", "a".repeat(400) + ".png");
		for (String name : names) {
			RawMultipart body = new RawMultipart("b0undary").file("images", name, "image/png", CHELSEA);

			Reply reply = this.gateway.postRaw(TOKENS, body.contentType(), body.build());

			assertThat(reply.status()).as(name).isEqualTo(200);
			assertThat(reply.contentType()).startsWith("application/json");
			assertThat(reply.json().get("results").get(0).get("image").get("filename").asString()).isEqualTo(name);
		}
	}

	@Test
	void neverWritesAnUploadWhereItsFilenamePoints() throws IOException {
		// Above the in-memory part size set here, so the part lives in a temp file while
		// the request runs.
		String marker = "vg-escape-" + Long.toHexString(new Random().nextLong()) + ".png";
		byte[] image = TestImages.pngOfSize(400_000, 3);
		for (String name : List.of("../../../../" + marker, "..\\..\\..\\" + marker, "/tmp/" + marker)) {
			RawMultipart body = new RawMultipart("b0undary").file("images", name, "image/png", image);
			assertThat(this.gateway.postRaw(TOKENS, body.contentType(), body.build()).status()).isEqualTo(200);
			RawMultipart upload = new RawMultipart("b0undary").file("file", name, "image/png", image);
			assertThat(this.gateway.postRaw("/v1/files", upload.contentType(), upload.build()).status()).isBetween(200,
					201);
		}

		for (Path root : List.of(Path.of(System.getProperty("java.io.tmpdir")), Path.of("").toAbsolutePath())) {
			try (Stream<Path> found = Files.find(root, 6, (path, attributes) -> path.getFileName() != null
					&& path.getFileName().toString().contains(marker))) {
				assertThat(found.toList()).as(root.toString()).isEmpty();
			}
			catch (UncheckedIOException unreadableCorner) {
				// Other users' directories under a shared temp dir: what cannot be read
				// was not written either.
			}
		}
	}

	@Test
	void refusesFilenamesWithNulOrTenKilobytes() {
		RawMultipart nul = new RawMultipart("b0undary").file("images", "a\u0000.png", "image/png", CHELSEA);
		RawMultipart huge = new RawMultipart("b0undary").file("images", "x".repeat(10 * 1024) + ".png", "image/png",
				CHELSEA);

		Reply nulReply = this.gateway.postRaw(TOKENS, nul.contentType(), nul.build());
		Reply hugeReply = this.gateway.postRaw(TOKENS, huge.contentType(), huge.build());

		assertProblem(nulReply, 400, "BAD_REQUEST");
		assertProblem(hugeReply, 400, "BAD_REQUEST");
		assertThat(hugeReply.body()).doesNotContain("xxxxxxxxxx");
	}

	@Test
	void refusesHugeTextPartsWith400() {
		RawMultipart longPrompt = new RawMultipart("b0undary").file("images", "c.png", "image/png", CHELSEA)
			.field("prompt", "p".repeat(100_000));
		RawMultipart overPartLimit = new RawMultipart("b0undary").file("images", "c.png", "image/png", CHELSEA)
			.field("prompt", "p".repeat(MAX_IMAGE_SIZE + 1));
		RawMultipart overTextTotal = new RawMultipart("b0undary").file("images", "c.png", "image/png", CHELSEA);
		for (int i = 0; i < 3; i++) {
			overTextTotal.field("systemInstruction", "s".repeat(900_000));
		}

		Reply tooLong = this.gateway.postRaw("/v1/vision/caption", longPrompt.contentType(), longPrompt.build());
		Reply overPart = this.gateway.postRaw("/v1/vision/caption", overPartLimit.contentType(), overPartLimit.build());
		Reply overTotal = this.gateway.postRaw("/v1/vision/caption", overTextTotal.contentType(),
				overTextTotal.build());

		assertProblem(tooLong, 400, "BAD_REQUEST");
		assertThat(tooLong.json().get("part").asString()).isEqualTo("prompt");
		assertProblem(overPart, 400, "BAD_REQUEST");
		assertThat(overPart.json().get("part").asString()).isEqualTo("prompt");
		assertProblem(overTotal, 400, "BAD_REQUEST");
		assertThat(tooLong.body() + overPart.body() + overTotal.body()).doesNotContain("pppppppppp", "ssssssssss");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void answersEveryFuzzedImageAndBodyWithAContractProblem(CapturedOutput output) {
		Random random = new Random(0x5eedL);
		List<String> codes = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
		int cases = 0;
		for (int i = 0; i < 240; i++) {
			FuzzCase fuzz = FuzzCase.next(i % FuzzCase.KINDS, random);

			Reply reply = this.gateway.postRaw(fuzz.path(), fuzz.contentType(), fuzz.body());

			String description = "case " + i + " (" + fuzz.description() + "): " + reply.body();
			assertThat(reply.status()).as(description).isBetween(400, 499);
			assertThat(reply.contentType()).as(description).startsWith("application/problem+json");
			assertThat(reply.json().get("code").asString()).as(description).isIn(codes);
			assertThat(reply.json().get("status").asInt()).as(description).isEqualTo(reply.status());
			assertThat(reply.body()).as(description).doesNotContain("Exception", "\tat ", "java.", "org.apache");
			cases++;
		}
		assertThat(cases).isGreaterThanOrEqualTo(200);
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(output.getAll()).doesNotContain("Unexpected failure", "Exception");
	}

	/** One hostile request of the fuzz run. */
	record FuzzCase(String description, String path, String contentType, byte[] body) {

		static final int KINDS = 8;

		private static final String[] PATHS = { TOKENS, TOKENS, "/v1/vision/caption", "/v1/files" };

		private static final List<String> FIXTURES = List.of("chelsea.png", "rocket.jpg", "coffee.webp",
				"chelsea.heic");

		private static final List<String> TYPES = List.of("image/png", "image/jpeg", "image/webp", "image/heic");

		static FuzzCase next(int kind, Random random) {
			String path = PATHS[random.nextInt(PATHS.length)];
			String part = path.equals("/v1/files") ? "file" : "images";
			return switch (kind) {
				case 0 -> {
					byte[] image = magicAndNoise(random);
					yield image("magic number and random bytes", path, part, image, declaredFor(image), random);
				}
				case 1 -> {
					int fixture = random.nextInt(FIXTURES.size());
					byte[] whole = TestImages.fixture(FIXTURES.get(fixture));
					byte[] cut = Arrays.copyOf(whole, 1 + random.nextInt(Math.min(whole.length / 2, 4096)));
					yield image("truncated " + FIXTURES.get(fixture) + " at " + cut.length, path, part, cut,
							TYPES.get(fixture), random);
				}
				case 2 -> {
					int which = random.nextInt(3);
					long width = 10_001 + (random.nextLong() & 0x7fff_ffffL) % 16_000_000;
					long height = 10_001 + (random.nextLong() & 0x7fff_ffffL) % 16_000_000;
					byte[] image = switch (which) {
						case 0 -> TestImages.pngHeader((int) Math.min(width, Integer.MAX_VALUE),
								(int) Math.min(height, Integer.MAX_VALUE));
						case 1 -> jpegHeader((int) Math.min(width, 65_535), (int) Math.min(height, 65_535));
						default -> webpHeader((int) Math.min(width, 1 << 24), (int) Math.min(height, 1 << 24));
					};
					yield image("declares " + width + " x " + height, path, part, image, TYPES.get(which), random);
				}
				case 3 -> {
					int fixture = random.nextInt(FIXTURES.size());
					List<String> wrong = new ArrayList<>(List.of("image/gif", "text/plain", "application/pdf"));
					wrong.addAll(TYPES);
					wrong.remove(TYPES.get(fixture));
					if (fixture == 3) {
						wrong.remove("image/heif");
					}
					String declared = wrong.get(random.nextInt(wrong.size()));
					yield image(FIXTURES.get(fixture) + " declared " + declared, path, part,
							TestImages.fixture(FIXTURES.get(fixture)), declared, random);
				}
				case 4 -> {
					RawMultipart body = new RawMultipart(boundary(random)).file(part, "c.png", "image/png", CHELSEA);
					yield new FuzzCase("random boundary mismatch", path, contentType(boundary(random), random),
							body.build());
				}
				case 5 -> {
					String boundary = boundary(random);
					byte[] whole = new RawMultipart(boundary).file(part, "c.png", "image/png", CHELSEA)
						.field("model", "gemini-3.8-flash")
						.build();
					int cut = random.nextInt(whole.length - boundary.length() - 8);
					yield new FuzzCase("multipart truncated at " + cut, path, contentType(boundary, random),
							Arrays.copyOf(whole, cut));
				}
				case 6 -> {
					byte[] noise = new byte[random.nextInt(4096)];
					random.nextBytes(noise);
					yield new FuzzCase("random body", path, contentType(boundary(random), random), noise);
				}
				default -> {
					String boundary = boundary(random);
					byte[] junk = new byte[1 + random.nextInt(2048)];
					random.nextBytes(junk);
					junk[0] = 0;
					String[] headers = { "Content-Type: image/png", "Content-Disposition: form-data",
							"Content-Disposition: form-data; name=\"" + part + "\"; filename",
							"Content-Disposition: attachment; name=\"" + part + "\"; filename=\"x.png\"",
							"Content-Disposition: form-data; name=\"" + part
									+ "\"; filename=\"x.png\"\r\nContent-Type: ;;;",
							"X-Garbage: " + new String(junk, 0, Math.min(junk.length, 40), StandardCharsets.ISO_8859_1)
								.replace('\r', ' ')
								.replace('\n', ' ') };
					int which = random.nextInt(headers.length);
					yield new FuzzCase("part headers " + which, path, contentType(boundary, random),
							new RawMultipart(boundary).part(headers[which], junk).build());
				}
			};
		}

		private static FuzzCase image(String description, String path, String part, byte[] image, String declared,
				Random random) {
			String filename = List.of("a.png", "../../x", "C:\\y", "z").get(random.nextInt(4));
			String boundary = boundary(random);
			RawMultipart body = new RawMultipart(boundary).file(part, filename, declared, image);
			return new FuzzCase(description, path, contentType(boundary, random), body.build());
		}

		private static byte[] magicAndNoise(Random random) {
			byte[][] magics = { { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' },
					{ (byte) 0xff, (byte) 0xd8, (byte) 0xff }, { 'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P' },
					{ 0, 0, 0, 24, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c' }, { 'G', 'I', 'F', '8', '9', 'a' } };
			byte[] magic = magics[random.nextInt(magics.length)];
			byte[] image = new byte[magic.length + random.nextInt(2048)];
			random.nextBytes(image);
			System.arraycopy(magic, 0, image, 0, magic.length);
			return image;
		}

		private static String declaredFor(byte[] image) {
			return switch (image[0]) {
				case (byte) 0x89 -> "image/png";
				case (byte) 0xff -> "image/jpeg";
				case 'R' -> "image/webp";
				case 'G' -> "image/gif";
				default -> "image/heic";
			};
		}

		/**
		 * Mostly quoted; unquoted, a boundary with special characters makes the whole
		 * header unreadable.
		 */
		private static String contentType(String boundary, Random random) {
			return (random.nextInt(5) > 0) ? "multipart/form-data; boundary=\"" + boundary + "\""
					: "multipart/form-data; boundary=" + boundary;
		}

		/**
		 * Boundaries may be 1 to 70 of these characters (RFC 2046); the space may not end
		 * one.
		 */
		private static String boundary(Random random) {
			String alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";
			StringBuilder boundary = new StringBuilder();
			int length = 1 + random.nextInt(70);
			for (int i = 0; i < length; i++) {
				boundary.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			return boundary.toString();
		}

		/** SOI and a baseline SOF0 declaring the size, then EOI: no scan at all. */
		private static byte[] jpegHeader(int width, int height) {
			ByteBuffer jpeg = ByteBuffer.allocate(2 + 19 + 2);
			jpeg.put((byte) 0xff).put((byte) 0xd8);
			jpeg.put((byte) 0xff).put((byte) 0xc0).putShort((short) 17).put((byte) 8);
			jpeg.putShort((short) height).putShort((short) width).put((byte) 3);
			for (int component = 1; component <= 3; component++) {
				jpeg.put((byte) component).put((byte) 0x11).put((byte) 0);
			}
			jpeg.put((byte) 0xff).put((byte) 0xd9);
			return jpeg.array();
		}

		/** A RIFF WEBP with only a VP8X chunk declaring the canvas size. */
		private static byte[] webpHeader(int width, int height) {
			ByteBuffer webp = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
			webp.put("RIFF".getBytes(StandardCharsets.US_ASCII))
				.putInt(22)
				.put("WEBP".getBytes(StandardCharsets.US_ASCII));
			webp.put("VP8X".getBytes(StandardCharsets.US_ASCII)).putInt(10).putInt(0);
			putUint24(webp, width - 1);
			putUint24(webp, height - 1);
			return webp.array();
		}

		private static void putUint24(ByteBuffer buffer, int value) {
			buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
		}

	}

	private static Supplier<InputStream> stream(byte[] body) {
		return () -> new ByteArrayInputStream(body);
	}

	/**
	 * {@code head}, then {@code length} bytes of filler, counting what the reader pulled.
	 */
	private static final class CountingStream extends InputStream {

		private final byte[] head;

		private final long length;

		private final AtomicLong pulled;

		CountingStream(byte[] head, long length, AtomicLong pulled) {
			this.head = head;
			this.length = length;
			this.pulled = pulled;
		}

		@Override
		public int read() {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] buffer, int offset, int count) {
			long position = this.pulled.get();
			if (position >= this.length) {
				return -1;
			}
			int n = (int) Math.min(count, this.length - position);
			for (int i = 0; i < n; i++) {
				long at = position + i;
				buffer[offset + i] = (at < this.head.length) ? this.head[(int) at] : (byte) 'x';
			}
			this.pulled.addAndGet(n);
			return n;
		}

	}

}
