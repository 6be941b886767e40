package com.example.visiongateway.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import com.example.visiongateway.support.GatewayIntegrationTest;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The inline limit at Gemini's 100 MB: a 75 MB image goes inline in one request of just
 * under 100 MB (base64 makes it 100,000,000 characters), not through the Files API. The
 * limit counts the whole encoded request, as Gemini does, so 75 MB is about the largest
 * image that fits. Memory stays bounded: the part goes to a temp file (the heap budget is
 * 32 MB) and the body is streamed to Gemini in 48 KB blocks; the test's own upload is
 * streamed from a file too.
 */
@TestPropertySource(properties = { "vision.transfer.inline-request-limit=100MB", "vision.limits.max-image-size=100MB",
		"vision.budget.heap=32MB", "vision.multipart.in-memory-budget=8MB" })
class LargeInlineIntegrationTests extends GatewayIntegrationTest {

	private static final int SIDE = 5000;

	@Test
	void sendsA75MegabyteImageInlineWhenTheLimitIs100Megabytes(@TempDir Path dir)
			throws IOException, InterruptedException {
		Path png = writeStoredPng(dir.resolve("large.png"), SIDE, SIDE);
		long size = Files.size(png);
		assertThat(size).isBetween(75_000_000L, 75_100_000L);
		// A canned answer: the stub's own reader would hold the body several times over
		stub.server()
			.stubFor(post(urlPathMatching("/v1beta/models/[^/]+:generateContent")).atPriority(1)
				.willReturn(okJson("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":"
						+ "\"[stub] a large gray square\"}]},\"finishReason\":\"STOP\"}],"
						+ "\"modelVersion\":\"gemini-3.8-flash\"}")));

		HttpResponse<String> response = upload(png);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode result = JsonMapper.shared().readTree(response.body()).get("results").get(0);
		assertThat(result.get("image").get("transfer").asString()).isEqualTo("INLINE");
		assertThat(result.get("image").get("sizeBytes").asLong()).isEqualTo(size);
		assertThat(stub.uploadCount()).isZero();
		List<LoggedRequest> sent = stub.server()
			.findAll(postRequestedFor(urlPathMatching("/v1beta/models/[^/]+:generateContent")));
		assertThat(sent).hasSize(1);
		byte[] body = sent.get(0).getBody();
		assertThat(body.length).isGreaterThan(100_000_000).isLessThanOrEqualTo(100 * 1024 * 1024);
		String start = new String(Arrays.copyOf(body, 200), StandardCharsets.US_ASCII);
		assertThat(start).contains("\"inlineData\"").contains("image/png");
	}

	private HttpResponse<String> upload(Path png) throws IOException, InterruptedException {
		String boundary = "large-inline-boundary";
		byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"large.png\""
				+ "\r\nContent-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + "/v1/vision/caption"))
			.timeout(Duration.ofMinutes(3))
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> {
				try {
					return new SequenceInputStream(
							new SequenceInputStream(new ByteArrayInputStream(head), Files.newInputStream(png)),
							new ByteArrayInputStream(tail));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}))
			.build();
		// Java 17: HttpClient is not AutoCloseable; its threads end with it
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * A gray RGB PNG with stored (uncompressed) deflate blocks, so its size is its pixel
	 * data: written a band of rows at a time, one IDAT chunk per band.
	 */
	private static Path writeStoredPng(Path file, int width, int height) throws IOException {
		try (OutputStream out = Files.newOutputStream(file)) {
			out.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
			ByteArrayOutputStream header = new ByteArrayOutputStream();
			DataOutputStream fields = new DataOutputStream(header);
			fields.writeInt(width);
			fields.writeInt(height);
			fields.write(new byte[] { 8, 2, 0, 0, 0 });
			chunk(out, "IHDR", header.toByteArray(), header.size());
			Deflater deflater = new Deflater(Deflater.NO_COMPRESSION);
			byte[] row = new byte[1 + width * 3];
			Arrays.fill(row, (byte) 0x80);
			row[0] = 0;
			byte[] buffer = new byte[4 * 1024 * 1024];
			for (int y = 0; y < height; y += 100) {
				ByteArrayOutputStream band = new ByteArrayOutputStream();
				for (int r = y; r < Math.min(height, y + 100); r++) {
					deflater.setInput(row);
					int written;
					while ((written = deflater.deflate(buffer, 0, buffer.length, Deflater.NO_FLUSH)) > 0) {
						band.write(buffer, 0, written);
					}
				}
				if (y + 100 >= height) {
					deflater.finish();
					while (!deflater.finished()) {
						band.write(buffer, 0, deflater.deflate(buffer));
					}
				}
				else {
					int written;
					while ((written = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
						band.write(buffer, 0, written);
					}
				}
				chunk(out, "IDAT", band.toByteArray(), band.size());
			}
			deflater.end();
			chunk(out, "IEND", new byte[0], 0);
		}
		return file;
	}

	private static void chunk(OutputStream out, String type, byte[] data, int length) throws IOException {
		DataOutputStream fields = new DataOutputStream(out);
		fields.writeInt(length);
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		fields.write(name);
		fields.write(data, 0, length);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data, 0, length);
		fields.writeInt((int) crc.getValue());
	}

}
