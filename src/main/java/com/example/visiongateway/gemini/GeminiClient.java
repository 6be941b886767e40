package com.example.visiongateway.gemini;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.example.visiongateway.gemini.wire.CountTokensResponse;
import com.example.visiongateway.gemini.wire.FileEnvelope;
import com.example.visiongateway.gemini.wire.FileList;
import com.example.visiongateway.gemini.wire.GeminiFile;
import com.example.visiongateway.gemini.wire.GenerateContentResponse;
import com.example.visiongateway.gemini.wire.ModelList;
import com.example.visiongateway.io.ByteSource;
import io.micrometer.observation.ObservationRegistry;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The gateway's one door to the Gemini Developer API: generate, count tokens, and the
 * Files API. Every method is non-blocking and fails with a {@link GeminiException}
 * subtype. Transient failures are retried, every call has a deadline, and the load on
 * Gemini is bounded (see {@link GeminiResilience}); what still fails carries Google's
 * status and retry delay.
 */
public class GeminiClient implements AutoCloseable {

	static final String API_KEY_HEADER = "x-goog-api-key";

	static final String UPLOAD_URL = "X-Goog-Upload-URL";

	static final String UPLOAD_STATUS = "X-Goog-Upload-Status";

	static final String UPLOAD_SIZE_RECEIVED = "X-Goog-Upload-Size-Received";

	private static final int UPLOAD_BLOCK = 64 * 1024;

	/** The breaker of {@code models.list}. */
	private static final String MODELS = "models";

	private final GeminiProperties properties;

	private final JsonMapper json;

	private final GeminiErrors errors;

	private final WebClient api;

	/**
	 * Talks to upload session URLs. The session URL is itself the credential (Python's
	 * SDK sends no key there), so the key stays out of these requests: one fewer place it
	 * travels.
	 */
	private final WebClient sessions;

	private final GeminiResilience resilience;

	private final ConnectionProvider connections;

	public GeminiClient(WebClient.Builder builder, GeminiProperties properties, JsonMapper jsonMapper,
			GeminiResilience resilience) {
		this.properties = properties;
		this.json = jsonMapper;
		this.resilience = resilience;
		this.errors = new GeminiErrors(properties.effectiveApiKey(), properties.responseTimeout(), jsonMapper,
				Clock.systemUTC());
		this.connections = connections(resilience);
		HttpClient httpClient = HttpClient.create(this.connections)
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis())
			.responseTimeout(properties.responseTimeout())
			.compress(true);
		int maxInMemory = (int) properties.maxResponseSize().toBytes();
		// GeminiObservationFilter times each exchange and propagates the trace;
		// WebClient's own observation would do both again
		WebClient.Builder common = builder.clone()
			.observationRegistry(ObservationRegistry.NOOP)
			.clientConnector(new ReactorClientHttpConnector(httpClient))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(maxInMemory));
		this.api = common.clone()
			.baseUrl(withoutTrailingSlash(properties.baseUrl().toString()))
			.defaultHeader(API_KEY_HEADER, properties.effectiveApiKey())
			.build();
		this.sessions = common.clone().build();
	}

	/**
	 * The pool is the one limit on calls in flight: as many connections as
	 * {@code max-concurrent-calls}, a first-come-first-served queue of
	 * {@code max-queued-calls} beyond them (a call past it is refused at once), and a
	 * queued call waits at most its deadline.
	 */
	private static ConnectionProvider connections(GeminiResilience resilience) {
		GeminiResilienceProperties limits = resilience.properties();
		return ConnectionProvider.builder("gemini")
			.maxConnections(limits.maxConcurrentCalls())
			.pendingAcquireMaxCount(limits.maxQueuedCalls())
			.pendingAcquireTimeout(limits.deadline())
			.metrics(true, resilience::poolGauges)
			// Google drops idle connections; reusing one it dropped costs a failed
			// attempt
			.maxIdleTime(Duration.ofSeconds(30))
			.build();
	}

	/** Closes the pooled connections. */
	@Override
	public void close() {
		this.connections.dispose();
	}

	/** The API version in use, such as {@code v1beta}. */
	public String version() {
		return this.properties.apiVersion();
	}

	/**
	 * {@code POST /{version}/models/{model}:generateContent}, the body streamed with an
	 * exact Content-Length.
	 */
	public Mono<GenerateContentResponse> generateContent(String model, GenerateContentRequest request) {
		return this.resilience.call(GeminiOperation.GENERATE, Mono.defer(() -> {
			GenerateContentBody body = GenerateContentBody.of(request);
			WebClient.RequestHeadersSpec<?> spec = this.api.post()
				.uri("/{version}/models/{model}:generateContent", version(), modelId(model))
				.contentType(MediaType.APPLICATION_JSON)
				.contentLength(body.length())
				.body(streamed(body::content, body.quickToWrite()));
			return call(GeminiOperation.GENERATE, modelId(model), spec, GenerateContentResponse.class);
		}));
	}

	/**
	 * {@code POST /{version}/models/{model}:countTokens} with the request's contents
	 * only.
	 */
	public Mono<CountTokensResponse> countTokens(String model, GenerateContentRequest request) {
		return this.resilience.call(GeminiOperation.COUNT_TOKENS, Mono.defer(() -> {
			GenerateContentBody body = GenerateContentBody.of(request.contentsOnly());
			WebClient.RequestHeadersSpec<?> spec = this.api.post()
				.uri("/{version}/models/{model}:countTokens", version(), modelId(model))
				.contentType(MediaType.APPLICATION_JSON)
				.contentLength(body.length())
				.body(streamed(body::content, body.quickToWrite()));
			return call(GeminiOperation.COUNT_TOKENS, modelId(model), spec, CountTokensResponse.class);
		}));
	}

	/**
	 * {@code POST /{version}/models/{model}:{method}} with a caller's own body, for the
	 * Gemini-native pass-through: generateContent or countTokens as the caller's SDK
	 * wrote it (already checked by the gateway), Gemini's JSON answer as it came. Retried
	 * and guarded like every call.
	 */
	public Mono<byte[]> forward(GeminiOperation operation, String version, String model, String method, byte[] body) {
		return this.resilience.call(operation, Mono.defer(() -> {
			WebClient.RequestHeadersSpec<?> spec = this.api.post()
				.uri("/{version}/models/{model}:{method}", version, modelId(model), method)
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(body);
			return exchange(operation, modelId(model), spec,
					(response) -> response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]));
		}));
	}

	/**
	 * {@code POST /{version}/models/{model}:streamGenerateContent?alt=sse} with a
	 * caller's own body: Gemini's event stream as byte chunks, each handed on as it
	 * arrives. A failure before the first chunk is retried; after it, it ends the stream.
	 */
	public Flux<byte[]> streamGenerateContent(String version, String model, byte[] body) {
		GeminiOperation operation = GeminiOperation.GENERATE;
		return this.resilience.stream(operation, Flux.defer(() -> {
			WebClient.RequestHeadersSpec<?> spec = this.api.post()
				.uri("/{version}/models/{model}:streamGenerateContent?alt=sse", version, modelId(model))
				.contentType(MediaType.APPLICATION_JSON)
				.accept(MediaType.TEXT_EVENT_STREAM)
				.bodyValue(body);
			return this.resilience.exchangeMany(operation, modelId(model), spec.exchangeToFlux((response) -> {
				if (response.statusCode().is2xxSuccessful()) {
					return response.bodyToFlux(DataBuffer.class).map(GeminiClient::drain);
				}
				return response.bodyToMono(byte[].class)
					.defaultIfEmpty(new byte[0])
					.flatMapMany((error) -> Flux.error(this.errors.fromResponse(operation,
							response.statusCode().value(), response.headers().asHttpHeaders(), error)));
			}).onErrorMap((failure) -> this.errors.translate(operation, failure)));
		}));
	}

	/**
	 * Uploads with the resumable protocol: a start request, then chunks of
	 * {@code upload-chunk-size} streamed from the source. A retry after a failed chunk
	 * resumes the same session: it asks Gemini ({@code query}) how many bytes arrived and
	 * goes on from there, so a broken connection never leaves a second, duplicate file.
	 * Only when the session itself is gone (the query fails) does the next attempt start
	 * a new one. The file may still be PROCESSING; see {@link #awaitActive}.
	 */
	public Mono<GeminiFile> upload(ByteSource bytes, String mimeType, String displayName) {
		AtomicReference<URI> open = new AtomicReference<>();
		return this.resilience.call(GeminiOperation.UPLOAD, Mono.defer(() -> {
			long size = bytes.size();
			URI session = open.get();
			if (session == null) {
				return startUpload(size, mimeType, displayName).doOnNext(open::set)
					.flatMap((started) -> uploadChunks(started, bytes, size, 0));
			}
			return queryUpload(session).doOnError((ex) -> open.set(null))
				.flatMap((received) -> uploadChunks(session, bytes, size, received));
		}));
	}

	/**
	 * The file once it is ACTIVE, polling {@code getFile} every
	 * {@code file-poll-interval}; fails with a {@link GeminiFileException} when Gemini
	 * marks it FAILED or after {@code file-active-timeout}.
	 */
	public Mono<GeminiFile> awaitActive(GeminiFile file) {
		if (file.isActive()) {
			return Mono.just(file);
		}
		if (file.isFailed()) {
			return Mono.error(failed(file));
		}
		AtomicReference<String> lastState = new AtomicReference<>(file.state());
		Duration timeout = this.properties.fileActiveTimeout();
		return Mono.delay(this.properties.filePollInterval())
			.then(Mono.defer(() -> getFile(file.name())))
			.flatMap((current) -> {
				lastState.set(current.state());
				if (current.isFailed()) {
					return Mono.error(failed(current));
				}
				return current.isActive() ? Mono.just(current) : Mono.<GeminiFile>empty();
			})
			.repeatWhenEmpty((emptyRounds) -> emptyRounds)
			.timeout(timeout,
					Mono.defer(() -> Mono.error(new GeminiFileException(GeminiOperation.GET_FILE, file.name(),
							"Gemini file " + file.name() + " did not become ACTIVE within " + timeout.toMillis()
									+ " ms (last state " + lastState.get() + ")"))));
	}

	/** {@code GET /{version}/files/{id}}; accepts {@code files/abc} or {@code abc}. */
	public Mono<GeminiFile> getFile(String nameOrId) {
		return this.resilience.call(GeminiOperation.GET_FILE,
				Mono.defer(() -> call(GeminiOperation.GET_FILE, GeminiResilience.FILES,
						this.api.get().uri("/{version}/files/{id}", version(), GeminiFile.idOf(nameOrId)),
						GeminiFile.class)));
	}

	/**
	 * {@code GET /{version}/files}; either argument may be {@code null} for Gemini's
	 * default.
	 */
	public Mono<FileList> listFiles(Integer pageSize, String pageToken) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("version", version());
		variables.put("pageSize", pageSize);
		variables.put("pageToken", pageToken);
		return this.resilience.call(GeminiOperation.LIST_FILES,
				Mono.defer(() -> call(GeminiOperation.LIST_FILES, GeminiResilience.FILES, this.api.get().uri((uri) -> {
					uri.path("/{version}/files");
					// Values go in as variables so they are encoded in full ('+' and '/'
					// in page tokens)
					Optional.ofNullable(pageSize).ifPresent((present) -> uri.queryParam("pageSize", "{pageSize}"));
					Optional.ofNullable(pageToken).ifPresent((present) -> uri.queryParam("pageToken", "{pageToken}"));
					return uri.build(variables);
				}), FileList.class)));
	}

	/**
	 * {@code GET /{version}/models}, one page; either argument may be {@code null} for
	 * Gemini's default. Through its own breaker, so a failing list never opens the
	 * generate breakers.
	 */
	public Mono<ModelList> listModels(Integer pageSize, String pageToken) {
		Map<String, Object> variables = new LinkedHashMap<>();
		variables.put("version", version());
		variables.put("pageSize", pageSize);
		variables.put("pageToken", pageToken);
		return this.resilience.call(GeminiOperation.LIST_MODELS,
				Mono.defer(() -> call(GeminiOperation.LIST_MODELS, MODELS, this.api.get().uri((uri) -> {
					uri.path("/{version}/models");
					Optional.ofNullable(pageSize).ifPresent((present) -> uri.queryParam("pageSize", "{pageSize}"));
					Optional.ofNullable(pageToken).ifPresent((present) -> uri.queryParam("pageToken", "{pageToken}"));
					return uri.build(variables);
				}), ModelList.class)));
	}

	/** {@code DELETE /{version}/files/{id}}; accepts {@code files/abc} or {@code abc}. */
	public Mono<Void> deleteFile(String nameOrId) {
		return this.resilience.call(GeminiOperation.DELETE_FILE,
				Mono.defer(() -> exchange(GeminiOperation.DELETE_FILE, GeminiResilience.FILES,
						this.api.delete().uri("/{version}/files/{id}", version(), GeminiFile.idOf(nameOrId)),
						ClientResponse::releaseBody)));
	}

	private Mono<URI> startUpload(long size, String mimeType, String displayName) {
		Map<String, Object> file = new LinkedHashMap<>();
		if (displayName != null) {
			file.put("displayName", displayName);
		}
		WebClient.RequestHeadersSpec<?> spec = this.api.post()
			.uri("/upload/{version}/files", version())
			.header("X-Goog-Upload-Protocol", "resumable")
			.header("X-Goog-Upload-Command", "start")
			.header("X-Goog-Upload-Header-Content-Length", Long.toString(size))
			.header("X-Goog-Upload-Header-Content-Type", mimeType)
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(this.json.writeValueAsBytes(Map.of("file", file)));
		return exchange(GeminiOperation.UPLOAD, GeminiResilience.FILES, spec, (response) -> {
			String session = response.headers().asHttpHeaders().getFirst(UPLOAD_URL);
			if (session == null || session.isBlank()) {
				return response.releaseBody()
					.then(Mono.error(new GeminiException(GeminiOperation.UPLOAD,
							"Gemini upload start answer has no " + UPLOAD_URL + " header", null)));
			}
			return response.releaseBody().then(Mono.fromSupplier(() -> sessionUri(session)));
		});
	}

	/** How many bytes the session holds, by the protocol's {@code query} command. */
	private Mono<Long> queryUpload(URI session) {
		WebClient.RequestHeadersSpec<?> spec = this.sessions.post()
			.uri(session)
			.header("X-Goog-Upload-Command", "query")
			.contentLength(0);
		return exchange(GeminiOperation.UPLOAD, GeminiResilience.FILES, spec, (response) -> {
			String received = response.headers().asHttpHeaders().getFirst(UPLOAD_SIZE_RECEIVED);
			return response.releaseBody()
				.then(Mono.fromCallable(() -> Long.parseLong(String.valueOf(received).strip())))
				.onErrorMap(NumberFormatException.class, (ex) -> new GeminiException(GeminiOperation.UPLOAD,
						"Gemini upload query answered no valid " + UPLOAD_SIZE_RECEIVED, null));
		});
	}

	private Mono<GeminiFile> uploadChunks(URI session, ByteSource bytes, long size, long offset) {
		long length = Math.min(this.properties.uploadChunkSize().toBytes(), size - offset);
		boolean last = offset + length >= size;
		WebClient.RequestHeadersSpec<?> spec = this.sessions.post()
			.uri(session)
			.header("X-Goog-Upload-Command", last ? "upload, finalize" : "upload")
			.header("X-Goog-Upload-Offset", Long.toString(offset))
			.contentLength(length)
			.body(streamed((buffers) -> SourceChunks.read(bytes, offset, length, UPLOAD_BLOCK).map(buffers::wrap),
					SourceChunks.quickToRead(length, bytes.inMemory())));
		String expected = last ? "final" : "active";
		Mono<byte[]> answer = exchange(GeminiOperation.UPLOAD, GeminiResilience.FILES, spec, (response) -> {
			String status = response.headers().asHttpHeaders().getFirst(UPLOAD_STATUS);
			if (!expected.equalsIgnoreCase((status != null) ? status.strip() : "")) {
				return response.releaseBody()
					.then(Mono.error(
							new GeminiException(
									GeminiOperation.UPLOAD, "Gemini upload session answered " + UPLOAD_STATUS + " '"
											+ status + "' at offset " + offset + ", expected '" + expected + "'",
									null)));
			}
			return response.bodyToMono(byte[].class).defaultIfEmpty(new byte[0]);
		});
		if (!last) {
			return answer.then(Mono.defer(() -> uploadChunks(session, bytes, size, offset + length)));
		}
		return answer.map((body) -> this.json.readValue(body, FileEnvelope.class))
			.flatMap((envelope) -> (envelope.file() != null) ? Mono.just(envelope.file())
					: Mono.error(new GeminiException(GeminiOperation.UPLOAD,
							"Gemini upload finished without a file resource", null)))
			.onErrorMap((failure) -> this.errors.translate(GeminiOperation.UPLOAD, failure));
	}

	private URI sessionUri(String session) {
		try {
			return UploadSessions.rewrite(session, this.properties.baseUrl());
		}
		catch (IllegalArgumentException ex) {
			throw new GeminiException(GeminiOperation.UPLOAD, "Gemini upload session URL is not a valid URL", null);
		}
	}

	private GeminiFileException failed(GeminiFile file) {
		String reason = (file.error() != null && file.error().message() != null) ? file.error().message()
				: "no reason given";
		return new GeminiFileException(GeminiOperation.GET_FILE, file.name(),
				"Gemini could not process file " + file.name() + ": " + this.errors.safe(reason));
	}

	private <T> Mono<T> call(GeminiOperation operation, String target, WebClient.RequestHeadersSpec<?> spec,
			Class<T> type) {
		return exchange(operation, target, spec,
				(response) -> response.bodyToMono(byte[].class)
					.defaultIfEmpty(new byte[0])
					.map((body) -> this.json.readValue(body, type)));
	}

	/**
	 * Sends through {@code target}'s circuit breaker and the call limit, hands 2xx
	 * answers to {@code onSuccess}, and turns everything else into a GeminiException.
	 */
	private <T> Mono<T> exchange(GeminiOperation operation, String target, WebClient.RequestHeadersSpec<?> spec,
			Function<ClientResponse, Mono<T>> onSuccess) {
		return this.resilience.exchange(operation, target, spec.exchangeToMono((response) -> {
			if (response.statusCode().is2xxSuccessful()) {
				return onSuccess.apply(response);
			}
			return response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.flatMap((body) -> Mono.error(this.errors.fromResponse(operation, response.statusCode().value(),
						response.headers().asHttpHeaders(), body)));
		}).onErrorMap((failure) -> this.errors.translate(operation, failure)));
	}

	private static BodyInserter<Void, ClientHttpRequest> streamed(Function<DataBufferFactory, Flux<DataBuffer>> content,
			boolean quick) {
		// A small body from the heap is written right on the event loop, which saves a
		// thread hop per request;
		// disk reads and long encodings run on a worker thread instead.
		return (message, context) -> {
			Flux<DataBuffer> body = content.apply(message.bufferFactory());
			return message.writeWith(quick ? body : body.subscribeOn(Schedulers.boundedElastic()));
		};
	}

	private static byte[] drain(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static String modelId(String model) {
		return (model != null && model.startsWith("models/")) ? model.substring("models/".length()) : model;
	}

	private static String withoutTrailingSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

}
