package com.example.visiongateway.stub;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The models the stub serves, and what tests told it about them: a retired model is gone
 * from {@code models.list} and answers 404 NOT_FOUND; a routed one is answered by its
 * successor, whose name the answer's {@code modelVersion} carries. {@code models.list}
 * pages like Gemini's (pageSize default 50, at most 1,000; an opaque page token).
 */
final class StubModels {

	/** Every name the stub knows, current models first. */
	static final List<String> KNOWN = List.of("gemini-3.8-flash", "gemini-3.5-flash-lite", "gemini-3.1-flash-lite",
			"gemini-3.1-pro-preview", "gemini-3.6-flash", "gemini-3-flash-preview", "gemini-2.5-flash",
			"gemini-2.5-flash-lite", "gemini-2.5-pro", "gemini-robotics-er-1.5-preview");

	private static final int DEFAULT_PAGE_SIZE = 50;

	private static final int MAX_PAGE_SIZE = 1000;

	private static final String PAGE_TOKEN_PREFIX = "stub-page-";

	private final Set<String> retired = ConcurrentHashMap.newKeySet();

	private final Map<String, String> routes = new ConcurrentHashMap<>();

	void retire(String model) {
		this.retired.add(model);
	}

	void route(String model, String successor) {
		this.routes.put(model, successor);
	}

	void reset() {
		this.retired.clear();
		this.routes.clear();
	}

	boolean serves(String model) {
		return KNOWN.contains(model) && !this.retired.contains(model);
	}

	/** The model that answers a request for {@code model}. */
	String answering(String model) {
		return this.routes.getOrDefault(model, model);
	}

	/**
	 * Gemini 3.x: segmentation answered with polygons (older models answer PNG maps),
	 * inline requests up to 100 MB (20 MB before).
	 */
	static boolean geminiThree(String model) {
		return model.startsWith("gemini-3");
	}

	StubResponse list(String pageSize, String pageToken) {
		int size = DEFAULT_PAGE_SIZE;
		if (pageSize != null) {
			try {
				size = Integer.parseInt(pageSize);
			}
			catch (NumberFormatException ex) {
				throw GoogleError.invalidArgument("Invalid value at 'page_size' (TYPE_INT32), \"" + pageSize + "\"");
			}
		}
		size = (size <= 0) ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
		int from = 0;
		if (pageToken != null && !pageToken.isEmpty()) {
			if (!pageToken.startsWith(PAGE_TOKEN_PREFIX)) {
				throw GoogleError.invalidArgument("Invalid page token.");
			}
			from = Integer.parseInt(pageToken.substring(PAGE_TOKEN_PREFIX.length()));
		}
		List<String> served = KNOWN.stream().filter(this::serves).toList();
		ObjectNode body = JsonNodeFactory.instance.objectNode();
		ArrayNode models = body.putArray("models");
		int to = Math.min(served.size(), from + size);
		for (int i = from; i < to; i++) {
			models.add(resource(served.get(i)));
		}
		if (to < served.size()) {
			body.put("nextPageToken", PAGE_TOKEN_PREFIX + to);
		}
		return StubResponse.json(body);
	}

	StubResponse get(String version, String model) {
		if (!serves(model)) {
			throw notFound(version, model, "generateContent");
		}
		return StubResponse.json(resource(model));
	}

	static GoogleError notFound(String version, String model, String method) {
		return GoogleError
			.notFound("models/" + model + " is not found for API version " + version + ", or is not supported for "
					+ method + ". Call ListModels to see the list of available models and their supported methods.");
	}

	private static ObjectNode resource(String model) {
		ObjectNode resource = JsonNodeFactory.instance.objectNode();
		resource.put("name", "models/" + model);
		resource.put("baseModelId", model);
		resource.put("version", "001");
		resource.put("displayName", model);
		resource.put("inputTokenLimit", 1_048_576);
		resource.put("outputTokenLimit", 65_536);
		ArrayNode methods = resource.putArray("supportedGenerationMethods");
		methods.add("generateContent").add("countTokens").add("streamGenerateContent");
		return resource;
	}

}
