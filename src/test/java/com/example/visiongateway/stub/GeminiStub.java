package com.example.visiongateway.stub;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A Gemini API stand-in on WireMock, bound to 127.0.0.1: the default behaviour comes from
 * the JSON mappings under {@code gemini-stub/mappings} (priority 10) served by
 * {@link GeminiStubExtension}; tests override it with the helpers here or with their own
 * stubs of a higher priority (a lower number).
 */
public final class GeminiStub implements AutoCloseable {

	static final String MAPPINGS_ROOT = "gemini-stub";

	static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

	private static final int JOURNAL_ENTRIES = 1_000;

	private final WireMockServer server;

	private final GeminiStubExtension extension;

	private GeminiStub(WireMockServer server, GeminiStubExtension extension) {
		this.server = server;
		this.extension = extension;
	}

	/** A stub on a random free port with the request journal on, for tests. */
	public static GeminiStub start() {
		return start(0, true);
	}

	public static GeminiStub start(int port, boolean journal) {
		GeminiStubExtension extension = new GeminiStubExtension();
		WireMockConfiguration options = WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.port(port)
			.usingFilesUnderClasspath(MAPPINGS_ROOT)
			.extensions(extension)
			.notifier(new ConsoleNotifier(false));
		if (journal) {
			options.maxRequestJournalEntries(JOURNAL_ENTRIES);
		}
		else {
			options.disableRequestJournal();
		}
		WireMockServer server = new WireMockServer(options);
		server.start();
		return new GeminiStub(server, extension);
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	public WireMockServer server() {
		return this.server;
	}

	/** Back to the default mappings and behaviour, with no files and an empty journal. */
	public void reset() {
		this.server.resetAll();
		this.extension.reset();
	}

	/**
	 * generateContent (and its stream) answer this text from now on, finishing with STOP.
	 */
	public void answerText(String text) {
		this.extension.script(new ModelsApi.Script(text, null, null));
	}

	/**
	 * generateContent (and its stream, as one event) answer this raw response body from
	 * now on.
	 */
	public void answer(String generateContentResponseJson) {
		this.extension.script(new ModelsApi.Script(null, generateContentResponseJson, null));
	}

	/**
	 * generateContent fails with this Google-shaped error; a 429 carries a RetryInfo of
	 * one second.
	 */
	public void failWith(int httpStatus, String googleStatus, String message) {
		failWith(httpStatus, googleStatus, message, (httpStatus == 429) ? DEFAULT_RETRY_DELAY : null);
	}

	/**
	 * generateContent fails with this error, carrying a {@code google.rpc.RetryInfo} when
	 * a delay is given.
	 */
	public void failWith(int httpStatus, String googleStatus, String message, Duration retryDelay) {
		ArrayNode details = null;
		if (retryDelay != null) {
			details = JsonNodeFactory.instance.arrayNode();
			details.addObject()
				.put("@type", "type.googleapis.com/google.rpc.RetryInfo")
				.put("retryDelay", protobufDuration(retryDelay));
		}
		GoogleError failure = new GoogleError(httpStatus, googleStatus, message, details);
		this.extension.script(new ModelsApi.Script(null, null, failure));
	}

	/**
	 * The model is retired from now on: gone from {@code models.list}, 404 NOT_FOUND on
	 * every call.
	 */
	public void retire(String model) {
		this.extension.catalog().retire(model);
	}

	/**
	 * Calls to {@code model} are answered by {@code successor} from now on, as Google
	 * routes retired names; the answer's {@code modelVersion} says so.
	 */
	public void route(String model, String successor) {
		this.extension.catalog().route(model, successor);
	}

	/**
	 * Requests received on {@code GET /{version}/models}, oldest first (needs the
	 * journal).
	 */
	public int modelsListRequests() {
		return this.server.findAll(getRequestedFor(urlPathMatching("/[^/]+/models"))).size();
	}

	/**
	 * Files finalized from now on answer PROCESSING to this many GETs before they turn
	 * ACTIVE.
	 */
	public void filesStayProcessing(int polls) {
		this.extension.processing(new FileStore.Processing(polls, false));
	}

	/** Files finalized from now on turn FAILED, with an error, instead of ACTIVE. */
	public void filesFail() {
		this.extension.processing(new FileStore.Processing(0, true));
	}

	/** Bodies received on {@code :generateContent}, oldest first (needs the journal). */
	public List<JsonNode> generateContentRequests() {
		return this.server.findAll(postRequestedFor(urlPathMatching("/[^/]+/models/[^/:]+:generateContent")))
			.stream()
			.map((request) -> JsonMapper.shared().readTree(request.getBody()))
			.toList();
	}

	/** The display names of the files stored now, as Gemini holds them. */
	public List<String> displayNames() {
		return this.extension.displayNames();
	}

	/** Bodies received on {@code :countTokens}, oldest first (needs the journal). */
	public List<JsonNode> countTokensRequests() {
		return this.server.findAll(postRequestedFor(urlPathMatching("/[^/]+/models/[^/:]+:countTokens")))
			.stream()
			.map((request) -> JsonMapper.shared().readTree(request.getBody()))
			.toList();
	}

	/** Uploads finalized so far. */
	public int uploadCount() {
		return this.extension.uploadCount();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/**
	 * A duration in protobuf's JSON form: seconds with an optional fraction, then "s".
	 */
	private static String protobufDuration(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros();
		return seconds.toPlainString() + "s";
	}

}
