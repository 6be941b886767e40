package com.example.visiongateway.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.http.client.ReactorClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Calls the running gateway over HTTP the way a caller would, and keeps every answer,
 * errors included.
 */
public final class GatewayClient {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient RAW = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private static final Duration RAW_TIMEOUT = Duration.ofSeconds(30);

	private final String baseUrl;

	private final RestClient http;

	private final Map<String, String> rawHeaders;

	public GatewayClient(int port) {
		this("http://127.0.0.1:" + port, Map.of());
	}

	private GatewayClient(String baseUrl, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		// Spring's default 10 s read timeout fails slow answers on a loaded machine (a
		// first OpenAPI description can
		// take longer); the gateway's own deadlines are what the tests check.
		ReactorClientHttpRequestFactory requests = new ReactorClientHttpRequestFactory();
		requests.setReadTimeout(READ_TIMEOUT);
		RestClient.Builder builder = RestClient.builder().baseUrl(baseUrl).requestFactory(requests);
		headers.forEach(builder::defaultHeader);
		this.http = builder.build();
		this.rawHeaders = headers;
	}

	/** The same client sending this header with every request (an API key, say). */
	public GatewayClient withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.rawHeaders);
		headers.put(name, value);
		return new GatewayClient(this.baseUrl, headers);
	}

	public static Parts parts() {
		return new Parts();
	}

	public Reply post(String path, Parts parts) {
		return post(path, parts, MediaType.APPLICATION_JSON);
	}

	public Reply post(String path, Parts parts, String requestId) {
		return post(path, parts, MediaType.APPLICATION_JSON, requestId);
	}

	public Reply post(String path, Parts parts, MediaType accept) {
		return post(path, parts, accept, null);
	}

	private Reply post(String path, Parts parts, MediaType accept, String requestId) {
		return this.http.post().uri(path).headers((headers) -> {
			if (requestId != null) {
				headers.set("X-Request-Id", requestId);
			}
		})
			.contentType(MediaType.MULTIPART_FORM_DATA)
			.accept(accept, MediaType.APPLICATION_PROBLEM_JSON)
			.body(parts.builder.build())
			.exchange((request, response) -> Reply.of(response.getStatusCode().value(), response.getHeaders(),
					response.getBody().readAllBytes()));
	}

	public Reply get(String path) {
		return this.http.get()
			.uri(path)
			.exchange((request, response) -> Reply.of(response.getStatusCode().value(), response.getHeaders(),
					response.getBody().readAllBytes()));
	}

	public Reply delete(String path) {
		return this.http.delete()
			.uri(path)
			.exchange((request, response) -> Reply.of(response.getStatusCode().value(), response.getHeaders(),
					response.getBody().readAllBytes()));
	}

	/**
	 * Sends a body exactly as given, malformed or not (RestClient only sends well-formed
	 * multipart), with a timeout so a gateway that hangs fails the test. A {@code null}
	 * content type sends none.
	 */
	public Reply postRaw(String path, String contentType, byte[] body) {
		return sendRaw(path, contentType, HttpRequest.BodyPublishers.ofByteArray(body));
	}

	/**
	 * As {@link #postRaw}, streaming the body chunked, its length unknown to the gateway.
	 */
	public Reply postStreaming(String path, String contentType, Supplier<InputStream> body) {
		return sendRaw(path, contentType, HttpRequest.BodyPublishers.ofInputStream(body));
	}

	private Reply sendRaw(String path, String contentType, HttpRequest.BodyPublisher body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.baseUrl + path))
			.timeout(RAW_TIMEOUT)
			.header(HttpHeaders.ACCEPT,
					MediaType.APPLICATION_JSON_VALUE + ", " + MediaType.APPLICATION_PROBLEM_JSON_VALUE)
			.POST(body);
		if (contentType != null) {
			request.header(HttpHeaders.CONTENT_TYPE, contentType);
		}
		this.rawHeaders.forEach(request::header);
		try {
			HttpResponse<byte[]> response = RAW.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
			HttpHeaders headers = new HttpHeaders();
			response.headers().map().forEach(headers::addAll);
			return Reply.of(response.statusCode(), headers, response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A multipart body under construction. */
	public static final class Parts {

		private final MultipartBodyBuilder builder = new MultipartBodyBuilder();

		public Parts image(String filename, byte[] bytes, String contentType) {
			return file("images", filename, bytes, contentType);
		}

		public Parts file(String part, String filename, byte[] bytes, String contentType) {
			this.builder.part(part, new ByteArrayResource(bytes) {
				@Override
				public String getFilename() {
					return filename;
				}
			}).contentType(MediaType.parseMediaType(contentType));
			return this;
		}

		public Parts field(String name, String value) {
			this.builder.part(name, value);
			return this;
		}

	}

	/** One answer: status, headers, raw body and, when it is JSON, the parsed body. */
	public record Reply(int status, HttpHeaders headers, byte[] bytes) {

		static Reply of(int status, HttpHeaders headers, byte[] bytes) {
			return new Reply(status, HttpHeaders.readOnlyHttpHeaders(headers), bytes);
		}

		public String body() {
			return new String(this.bytes, StandardCharsets.UTF_8);
		}

		public JsonNode json() {
			return JSON.readTree(this.bytes);
		}

		public String contentType() {
			return this.headers.getFirst(HttpHeaders.CONTENT_TYPE);
		}

	}

}
