package com.example.visiongateway.observability;

import java.net.URI;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.micrometer.observation.transport.RequestReplySenderContext;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * One Micrometer observation per HTTP exchange with Gemini, named
 * {@code gemini.requests}: a timer tagged with the operation and status for Prometheus,
 * and a span (child of the caller's trace) once a tracing exporter is configured, whose
 * trace headers it adds to the request (a sender context), so the Gemini client needs no
 * WebClient observation of its own.
 */
public class GeminiObservationFilter implements ExchangeFilterFunction {

	static final String NAME = "gemini.requests";

	private final ObservationRegistry registry;

	private final URI geminiBase;

	public GeminiObservationFilter(ObservationRegistry registry, URI geminiBase) {
		this.registry = registry;
		this.geminiBase = geminiBase;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!isGemini(request.url())) {
			return next.exchange(request);
		}
		String operation = operation(request.method(), request.url().getPath());
		return Mono.defer(() -> {
			ClientRequest.Builder outgoing = ClientRequest.from(request);
			RequestReplySenderContext<ClientRequest.Builder, ClientResponse> sender = new RequestReplySenderContext<>(
					(carrier, key, value) -> carrier.headers((headers) -> headers.set(key, value)));
			sender.setCarrier(outgoing);
			sender.setRemoteServiceName("gemini");
			Observation observation = Observation.createNotStarted(NAME, () -> sender, this.registry)
				.contextualName("gemini " + operation)
				.lowCardinalityKeyValue(KeyValue.of("operation", operation))
				.start();
			return next.exchange(outgoing.build()).doOnNext((response) -> {
				observation
					.lowCardinalityKeyValue(KeyValue.of("status", String.valueOf(response.statusCode().value())));
				observation.stop();
			}).doOnError((ex) -> {
				observation.lowCardinalityKeyValue(KeyValue.of("status", "none"));
				observation.error(ex);
				observation.stop();
			}).doOnCancel(() -> {
				observation.lowCardinalityKeyValue(KeyValue.of("status", "cancelled"));
				observation.stop();
			}).contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private boolean isGemini(URI url) {
		return url.getHost() != null && url.getHost().equalsIgnoreCase(this.geminiBase.getHost())
				&& url.getPort() == this.geminiBase.getPort();
	}

	/** The Gemini operation an exchange belongs to, from its method and path alone. */
	static String operation(HttpMethod method, String path) {
		if (path.endsWith(":generateContent")) {
			return "generate";
		}
		if (path.endsWith(":streamGenerateContent")) {
			return "stream_generate";
		}
		if (path.endsWith(":countTokens")) {
			return "count_tokens";
		}
		if (path.startsWith("/upload/")) {
			return "upload";
		}
		if (path.matches("/[^/]+/files")) {
			return "list_files";
		}
		if (path.matches("/[^/]+/files/[^/]+")) {
			return HttpMethod.DELETE.equals(method) ? "delete_file" : "get_file";
		}
		return "other";
	}

}
