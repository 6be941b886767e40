package com.example.visiongateway.passthrough;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Raw HTTP calls on the gateway's {@code /gemini} paths, as a Google SDK makes them, with
 * a timeout so a gateway that hangs fails the test.
 */
final class GoogleCalls {

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String base;

	private final Map<String, String> headers = new LinkedHashMap<>();

	GoogleCalls(int port) {
		this.base = "http://127.0.0.1:" + port + "/gemini";
	}

	GoogleCalls withHeader(String name, String value) {
		this.headers.put(name, value);
		return this;
	}

	/** A generateContent body with one image part (first) and one text part. */
	static String imageAndText(byte[] image, String mimeType, String text) {
		return "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"inlineData\":{\"mimeType\":\"" + mimeType
				+ "\",\"data\":\"" + Base64.getEncoder().encodeToString(image) + "\"}},{\"text\":\"" + text + "\"}]}]}";
	}

	Answer post(String path, String json) {
		return send(path, "POST", HttpRequest.BodyPublishers.ofString(json));
	}

	/** Starts a resumable upload; the answer's X-Goog-Upload-URL is where chunks go. */
	Answer startUpload(String version, long size, String mimeType, String displayName) {
		try {
			HttpRequest request = request("/upload/" + version + "/files").header("X-Goog-Upload-Protocol", "resumable")
				.header("X-Goog-Upload-Command", "start")
				.header("X-Goog-Upload-Header-Content-Length", Long.toString(size))
				.header("X-Goog-Upload-Header-Content-Type", mimeType)
				.POST(HttpRequest.BodyPublishers.ofString("{\"file\":{\"displayName\":\"" + displayName + "\"}}"))
				.build();
			HttpResponse<byte[]> response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One request to an upload session URL, with no key (the URL is the credential, as
	 * Python's SDK has it).
	 */
	static Answer chunk(String sessionUrl, String command, long offset, byte[] bytes) {
		try {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sessionUrl))
				.timeout(Duration.ofSeconds(60))
				.header("X-Goog-Upload-Command", command)
				.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
			if (offset >= 0) {
				request.header("X-Goog-Upload-Offset", Long.toString(offset));
			}
			HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A whole upload in two chunks; the finalize answer. */
	Answer upload(String version, byte[] bytes, String mimeType, String displayName) {
		Answer started = startUpload(version, bytes.length, mimeType, displayName);
		if (started.status() != 200) {
			return started;
		}
		String url = started.header("X-Goog-Upload-URL");
		int half = bytes.length / 2;
		Answer first = chunk(url, "upload", 0, Arrays.copyOfRange(bytes, 0, half));
		if (first.status() != 200) {
			return first;
		}
		return chunk(url, "upload, finalize", half, Arrays.copyOfRange(bytes, half, bytes.length));
	}

	Answer get(String path) {
		return send(path, "GET", HttpRequest.BodyPublishers.noBody());
	}

	Answer delete(String path) {
		return send(path, "DELETE", HttpRequest.BodyPublishers.noBody());
	}

	/**
	 * A POST that announces {@code contentLength} bytes and sends none of them, read over
	 * a raw socket: how a refusal before the first body byte looks to any client. A
	 * client that keeps writing a body the server will never read may lose the answer to
	 * the connection reset, so the deterministic check sends the headers alone.
	 */
	Answer announce(String path, long contentLength) {
		URI uri = URI.create(this.base + path);
		StringBuilder head = new StringBuilder("POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Type: application/json\r\nContent-Length: " + contentLength + "\r\n");
		this.headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
		try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return RawAnswer.read(new BufferedInputStream(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A streamed answer, its body left open for the test to read as it arrives. */
	HttpResponse<InputStream> open(String path, String json) {
		try {
			return HTTP.send(request(path).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
					HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	Answer send(String path, String method, HttpRequest.BodyPublisher body) {
		try {
			HttpResponse<byte[]> response = HTTP.send(request(path).method(method, body).build(),
					HttpResponse.BodyHandlers.ofByteArray());
			return new Answer(response.statusCode(), response.headers().map(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json");
		this.headers.forEach(request::header);
		return request;
	}

	/** Status, headers and body of one answer. */
	record Answer(int status, Map<String, List<String>> headers, byte[] bytes) {

		String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		JsonNode json() {
			return JsonMapper.shared().readTree(this.bytes);
		}

		String header(String name) {
			return this.headers.entrySet()
				.stream()
				.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
				.map((entry) -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		/** Google's error: its code, status and message. */
		JsonNode error() {
			return json().path("error");
		}

	}

}
