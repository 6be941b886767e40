package com.example.visiongateway.support;

import java.nio.charset.StandardCharsets;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.client.RestClient;

/** Calls the running gateway over HTTP the way a caller would, and keeps every answer, errors included. */
public final class GatewayClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient http;

	public GatewayClient(int port) {
		this(RestClient.builder().baseUrl("http://127.0.0.1:" + port).build());
	}

	private GatewayClient(RestClient http) {
		this.http = http;
	}

	/** The same client sending this header with every request (an API key, say). */
	public GatewayClient withHeader(String name, String value) {
		return new GatewayClient(this.http.mutate().defaultHeader(name, value).build());
	}

	public static Parts parts() {
		return new Parts();
	}

	public Reply post(String path, Parts parts) {
		return post(path, parts, MediaType.APPLICATION_JSON);
	}

	public Reply post(String path, Parts parts, MediaType accept) {
		return this.http.post()
			.uri(path)
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
