package com.example.visiongateway.passthrough;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads one HTTP/1.1 answer off a raw socket, framed by Content-Length or chunked
 * transfer coding, so a test does not depend on how the server closes the connection.
 */
final class RawAnswer {

	private RawAnswer() {
	}

	static GoogleCalls.Answer read(InputStream in) throws IOException {
		String statusLine = line(in);
		int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String header = line(in); !header.isEmpty(); header = line(in)) {
			int colon = header.indexOf(':');
			headers.computeIfAbsent(header.substring(0, colon).trim(), (name) -> new ArrayList<>())
				.add(header.substring(colon + 1).trim());
		}
		String length = first(headers, "Content-Length");
		String coding = first(headers, "Transfer-Encoding");
		byte[] body;
		if (length != null) {
			body = in.readNBytes(Integer.parseInt(length));
		}
		else if (coding != null && coding.toLowerCase(Locale.ROOT).contains("chunked")) {
			body = chunked(in);
		}
		else {
			body = in.readAllBytes();
		}
		return new GoogleCalls.Answer(status, headers, body);
	}

	private static byte[] chunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
			body.write(in.readNBytes(size));
			line(in);
		}
		return body.toByteArray();
	}

	private static int chunkSize(InputStream in) throws IOException {
		String line = line(in);
		int extension = line.indexOf(';');
		return Integer.parseInt((extension < 0) ? line.trim() : line.substring(0, extension).trim(), 16);
	}

	private static String first(Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map((entry) -> entry.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

	private static String line(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = in.read(); b != '\n'; b = in.read()) {
			if (b < 0) {
				throw new IOException("The answer ended inside a line: " + line.toString(StandardCharsets.US_ASCII));
			}
			if (b != '\r') {
				line.write(b);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

}
