package com.example.visiongateway.stub;

import java.util.LinkedHashMap;
import java.util.Map;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * What one stub operation answers, independent of WireMock until {@link #toDefinition()}.
 */
record StubResponse(int status, String contentType, String body, Map<String, String> headers) {

	static final String JSON = "application/json; charset=UTF-8";

	/** An empty 200, as the upload protocol answers its intermediate steps. */
	static StubResponse empty() {
		return new StubResponse(200, "text/plain; charset=utf-8", "", Map.of());
	}

	static StubResponse json(JsonNode body) {
		return new StubResponse(200, JSON, body.toString(), Map.of());
	}

	static StubResponse json(String body) {
		return new StubResponse(200, JSON, body, Map.of());
	}

	static StubResponse error(GoogleError error) {
		ObjectNode body = JsonMapper.shared().createObjectNode();
		ObjectNode content = body.putObject("error");
		content.put("code", error.code());
		content.put("message", error.getMessage());
		content.put("status", error.status());
		if (error.details() != null) {
			content.set("details", error.details());
		}
		return new StubResponse(error.code(), JSON, body.toString(), Map.of());
	}

	StubResponse withHeader(String name, String value) {
		Map<String, String> more = new LinkedHashMap<>(this.headers);
		more.put(name, value);
		return new StubResponse(this.status, this.contentType, this.body, Map.copyOf(more));
	}

	ResponseDefinition toDefinition() {
		ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
			.withStatus(this.status)
			.withHeader("Content-Type", this.contentType);
		this.headers.forEach(builder::withHeader);
		return builder.withBody(this.body).build();
	}

}
