package com.example.visiongateway.stub;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** generateContent, streamGenerateContent and countTokens on the known models. */
final class ModelsApi {

	static final List<String> MODELS = StubModels.KNOWN;

	/**
	 * Gemini 2.x's limit on a request; also the limit the gateway's default stays under.
	 */
	static final int MAX_PAYLOAD_BYTES = 20_971_520;

	/** Gemini 3.x takes inline requests up to 100 MB (since 2026-01-08). */
	static final int MAX_PAYLOAD_BYTES_3X = 104_857_600;

	private final FileStore files;

	private final StubModels catalog;

	private final AtomicLong responses = new AtomicLong();

	ModelsApi(FileStore files, StubModels catalog) {
		this.files = files;
		this.catalog = catalog;
	}

	/**
	 * What tests made the model answer instead of the stub's own answer: at most one of
	 * the three.
	 */
	record Script(String text, String rawBody, GoogleError failure) {

		static final Script NONE = new Script(null, null, null);

	}

	StubResponse generateContent(String version, String model, byte[] body, Script script) {
		GenerateRequest request = admit(version, model, "generateContent", body, script);
		if (script.rawBody() != null) {
			return StubResponse.json(script.rawBody());
		}
		return StubResponse.json(GenerateResponses.complete(answer(request, model, script),
				GenerateResponses.PromptTokens.of(request, model), this.catalog.answering(model), nextResponseId()));
	}

	/**
	 * Server-sent events with {@code alt=sse}; without it Gemini answers the chunks as
	 * one JSON array.
	 */
	StubResponse streamGenerateContent(String version, String model, byte[] body, Script script, boolean sse) {
		GenerateRequest request = admit(version, model, "streamGenerateContent", body, script);
		List<String> events = (script.rawBody() != null) ? List.of(script.rawBody())
				: GenerateResponses
					.stream(answer(request, model, script), GenerateResponses.PromptTokens.of(request, model),
							this.catalog.answering(model), nextResponseId())
					.stream()
					.map(ObjectNode::toString)
					.toList();
		if (!sse) {
			return StubResponse.json("[" + String.join(",", events) + "]");
		}
		// Gemini's SSE: one "data:" line per event, CRLF line ends, no [DONE] marker.
		String stream = events.stream().map((event) -> "data: " + event + "\r\n\r\n").collect(Collectors.joining());
		return new StubResponse(200, "text/event-stream", stream, Map.of());
	}

	StubResponse countTokens(String version, String model, byte[] body) {
		JsonNode json = parse(checkedPayload(version, model, "countTokens", body));
		JsonNode wrapped = Wire.field(json, "generateContentRequest");
		GenerateRequest request = GenerateRequest.parse(wrapped.isMissingNode() ? json : wrapped, this.files);
		return StubResponse.json(GenerateResponses.countTokens(GenerateResponses.PromptTokens.of(request, model)));
	}

	private GenerateRequest admit(String version, String model, String method, byte[] body, Script script) {
		byte[] payload = checkedPayload(version, model, method, body);
		if (script.failure() != null) {
			throw script.failure();
		}
		GenerateRequest request = GenerateRequest.parse(parse(payload), this.files);
		refuseUnknownLevel(model, request);
		return request;
	}

	/** 3.8 Flash thinks at low, medium or high only. */
	private static void refuseUnknownLevel(String model, GenerateRequest request) {
		if (model.startsWith("gemini-3.8-flash") && "minimal".equals(request.thinkingLevel())) {
			throw GoogleError.invalidArgument("Thinking level MINIMAL is not supported for this model.");
		}
	}

	private byte[] checkedPayload(String version, String model, String method, byte[] body) {
		if (!this.catalog.serves(model)) {
			throw StubModels.notFound(version, model, method);
		}
		int limit = StubModels.geminiThree(model) ? MAX_PAYLOAD_BYTES_3X : MAX_PAYLOAD_BYTES;
		if (body.length > limit) {
			throw GoogleError.invalidArgument("Request payload size exceeds the limit: " + limit + " bytes.");
		}
		return body;
	}

	private static JsonNode parse(byte[] body) {
		try {
			return JsonMapper.shared().readTree(body);
		}
		catch (JacksonException ex) {
			throw GoogleError.invalidArgument("Invalid JSON payload received. Unexpected token.");
		}
	}

	private static String answer(GenerateRequest request, String model, Script script) {
		return (script.text() != null) ? script.text() : StubAnswers.answer(request, model);
	}

	private String nextResponseId() {
		return String.format("stub-%06d", this.responses.incrementAndGet());
	}

}
