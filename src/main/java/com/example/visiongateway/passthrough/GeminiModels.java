package com.example.visiongateway.passthrough;

import java.util.Set;

import com.example.visiongateway.auth.ImageQuota;
import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiClient;
import com.example.visiongateway.gemini.GeminiOperation;
import com.example.visiongateway.gemini.ModelGate;
import com.example.visiongateway.gemini.wire.UsageMetadata;
import com.example.visiongateway.observability.RequestFacts;
import com.example.visiongateway.observability.VisionMetrics;
import com.example.visiongateway.model.ModelCatalog;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * generateContent, streamGenerateContent and countTokens for Google's SDKs: the model
 * checked against the allow-list, the body against the gateway's rules
 * ({@link ContentsCheck}), the caller's images counted against its quota, then the body
 * sent through the gateway's one Gemini client (its key, retries, breaker, call limit,
 * and the model's cool-down and provider budgets, charged with the body's estimate and
 * corrected by the answer's usage). Gemini's answer goes back as it came; its usage is
 * counted in the token meters as the vision endpoints count theirs.
 */
@Component
class GeminiModels {

	/** The metrics' task tag of everything under {@code /gemini}. */
	static final String TASK = "passthrough";

	static final Set<String> VERSIONS = Set.of("v1", "v1beta");

	private final ModelCatalog catalog;

	private final ContentsCheck contents;

	private final GeminiClient client;

	private final VisionMetrics metrics;

	private final ObjectProvider<ImageQuota> quota;

	private final JsonMapper json;

	GeminiModels(ModelCatalog catalog, ContentsCheck contents, GeminiClient client, VisionMetrics metrics,
			ObjectProvider<ImageQuota> quota, JsonMapper json) {
		this.catalog = catalog;
		this.contents = contents;
		this.client = client;
		this.metrics = metrics;
		this.quota = quota;
		this.json = json;
	}

	/** A call named by the path {@code /{version}/models/{model}:{method}}. */
	record Call(String version, ModelCatalog.Model model, Method method) {
	}

	/** The methods the pass-through serves. */
	enum Method {

		GENERATE_CONTENT("generateContent", GeminiOperation.GENERATE),

		STREAM_GENERATE_CONTENT("streamGenerateContent", GeminiOperation.GENERATE),

		COUNT_TOKENS("countTokens", GeminiOperation.COUNT_TOKENS);

		private final String wire;

		private final GeminiOperation operation;

		Method(String wire, GeminiOperation operation) {
			this.wire = wire;
			this.operation = operation;
		}

		static Method of(String wire) {
			for (Method method : values()) {
				if (method.wire.equals(wire)) {
					return method;
				}
			}
			return null;
		}

	}

	/**
	 * The call a path names; an unknown version or method is Google's 404, a model off
	 * the allow-list the gateway's usual refusal.
	 */
	Call call(String version, String modelAndMethod) {
		int colon = modelAndMethod.lastIndexOf(':');
		Method method = (colon > 0) ? Method.of(modelAndMethod.substring(colon + 1)) : null;
		if (!VERSIONS.contains(version) || method == null) {
			throw new VisionException(ErrorCode.NOT_FOUND,
					"No method at /gemini/" + Texts.abbreviate(version, 20) + "/models/"
							+ Texts.abbreviate(modelAndMethod, 120) + " (versions v1 and v1beta; methods "
							+ "generateContent, streamGenerateContent, countTokens).");
		}
		return new Call(version, this.catalog.resolve(modelAndMethod.substring(0, colon)), method);
	}

	/** generateContent or countTokens: Gemini's JSON answer. */
	Mono<byte[]> unary(Tenant caller, Call call, byte[] body, Reservation heap, HttpServletRequest request) {
		AnswerUsage usage = AnswerUsage.ofJson(this.json);
		return this.metrics.timed(TASK, call.model().name(),
				checked(caller, call, body, heap, request).flatMap((checked) -> this.client
					.forward(call.method().operation, call.version(), call.model().name(), call.method().wire,
							checked.body())
					.doOnNext(usage::totalTokens)
					.doOnSuccess((answer) -> countTokens(call, usage))
					.contextWrite(budget(call, checked, usage))));
	}

	/**
	 * streamGenerateContent: Gemini's SSE bytes chunk by chunk, each as it arrives, timed
	 * as one request until the stream ends.
	 */
	Flux<byte[]> stream(Tenant caller, Call call, byte[] body, Reservation heap, HttpServletRequest request) {
		AnswerUsage usage = AnswerUsage.ofEvents(this.json);
		return this.metrics.timedMany(TASK, call.model().name(),
				checked(caller, call, body, heap, request).flatMapMany((checked) -> this.client
					.streamGenerateContent(call.version(), call.model().name(), checked.body())
					.doOnNext(usage::totalTokens)
					// Tokens Gemini reported are spent even when the stream broke later
					.doFinally((signal) -> countTokens(call, usage))
					.contextWrite(budget(call, checked, usage))));
	}

	/**
	 * What the model's provider budgets need, as for the vision endpoints: the estimate
	 * to charge before a generate call (countTokens is charged as a request only, as the
	 * vision endpoints' countTokens is), and how to read the usage that corrects it.
	 */
	private static Context budget(Call call, ContentsCheck.Checked checked, AnswerUsage usage) {
		Context reader = ModelGate.usage(usage::totalTokens);
		return (call.method().operation == GeminiOperation.GENERATE)
				? reader.putAll(ModelGate.estimate(checked.estimatedTokens()).readOnly()) : reader;
	}

	private void countTokens(Call call, AnswerUsage usage) {
		UsageMetadata used = usage.last();
		if (used != null) {
			this.metrics.tokens(call.model().name(), used.promptTokenCount(), used.candidatesTokenCount(),
					used.thoughtsTokenCount());
		}
	}

	private Mono<ContentsCheck.Checked> checked(Tenant caller, Call call, byte[] body, Reservation heap,
			HttpServletRequest request) {
		return this.contents.check(caller, call.model(), body, heap).doOnNext((checked) -> {
			RequestFacts.note(request, call.model().name(), checked.images().size());
			ImageQuota images = this.quota.getIfAvailable();
			if (images != null) {
				images.charge(caller, checked.images().size());
			}
			if (call.method().operation == GeminiOperation.GENERATE) {
				checked.images().forEach((image) -> this.metrics.imageSent(image.mimeType(), image.transfer().name()));
			}
		});
	}

}
