package com.example.visiongateway.stub;

import java.net.URI;
import java.time.Clock;
import java.util.List;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The Gemini API's behaviour behind the stub's JSON mappings. Each mapping routes here by
 * name ({@value #NAME}) with an {@code operation} parameter, so the WireMock Docker image
 * can serve the same mappings with this class on its extension path. State (files, upload
 * sessions) lives in the instance.
 */
public final class GeminiStubExtension implements ResponseDefinitionTransformerV2 {

	public static final String NAME = "gemini-stub";

	static final String INVALID_KEY = "invalid-key";

	private final FileStore files;

	private final StubModels catalog = new StubModels();

	private final ModelsApi models;

	private final FilesApi filesApi;

	private volatile ModelsApi.Script script = ModelsApi.Script.NONE;

	public GeminiStubExtension() {
		this(Clock.systemUTC());
	}

	GeminiStubExtension(Clock clock) {
		this.files = new FileStore(clock);
		this.models = new ModelsApi(this.files, this.catalog);
		this.filesApi = new FilesApi(this.files);
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public ResponseDefinition transform(ServeEvent serveEvent) {
		Request request = serveEvent.getRequest();
		String operation = serveEvent.getTransformerParameters().getString("operation", "");
		try {
			return handle(operation, request).toDefinition();
		}
		catch (GoogleError error) {
			return StubResponse.error(error).toDefinition();
		}
	}

	void script(ModelsApi.Script script) {
		this.script = script;
	}

	void processing(FileStore.Processing processing) {
		this.files.processing(processing);
	}

	List<String> displayNames() {
		return this.files.list().stream().map(StoredFile::displayName).toList();
	}

	int uploadCount() {
		return this.files.uploadCount();
	}

	StubModels catalog() {
		return this.catalog;
	}

	void reset() {
		this.script = ModelsApi.Script.NONE;
		this.catalog.reset();
		this.files.clear();
	}

	private StubResponse handle(String operation, Request request) {
		String rawPath = URI.create(request.getUrl()).getPath();
		List<String> path = List.of(rawPath.substring(1).split("/"));
		String uploadId = query(request, "upload_id");
		// The upload session URL authorizes itself: Python's SDK sends no key there.
		if (!(operation.equals("upload") && uploadId != null)) {
			authorize(request);
		}
		return switch (operation) {
			case "generateContent", "streamGenerateContent", "countTokens" -> model(operation, path, request);
			case "listModels" -> this.catalog.list(query(request, "pageSize"), query(request, "pageToken"));
			case "getModel" -> this.catalog.get(path.get(0), path.get(2));
			case "upload" -> this.filesApi.upload(request, path.get(1), uploadId);
			case "getFile" -> this.filesApi.get(path.get(2));
			case "listFiles" -> this.filesApi.list(query(request, "pageSize"), query(request, "pageToken"));
			case "deleteFile" -> this.filesApi.delete(path.get(2));
			default ->
				throw GoogleError.notFound("[stub] No Gemini API method at " + request.getMethod() + " " + rawPath);
		};
	}

	/** Path {@code /{ver}/models/{model}:{method}}. */
	private StubResponse model(String operation, List<String> path, Request request) {
		String version = path.get(0);
		String modelAndMethod = path.get(2);
		String model = modelAndMethod.substring(0, modelAndMethod.lastIndexOf(':'));
		return switch (operation) {
			case "generateContent" -> this.models.generateContent(version, model, request.getBody(), this.script);
			case "streamGenerateContent" -> this.models.streamGenerateContent(version, model, request.getBody(),
					this.script, "sse".equals(query(request, "alt")));
			default -> this.models.countTokens(version, model, request.getBody());
		};
	}

	private static void authorize(Request request) {
		String key = request.getHeader("x-goog-api-key");
		if (key == null || key.isEmpty()) {
			key = query(request, "key");
		}
		if (key == null || key.isEmpty()) {
			throw GoogleError.permissionDenied("Method doesn't allow unregistered callers (callers without established"
					+ " identity). Please use API Key or other form of API consumer identity to call this API.");
		}
		if (key.equals(INVALID_KEY)) {
			throw GoogleError.invalidArgument("API key not valid. Please pass a valid API key.");
		}
	}

	private static String query(Request request, String name) {
		QueryParameter parameter = request.queryParameter(name);
		return (parameter != null && parameter.isPresent()) ? parameter.firstValue() : null;
	}

}
