package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import com.example.visiongateway.gemini.wire.GenerateContentResponse;
import com.example.visiongateway.gemini.wire.UsageMetadata;
import com.example.visiongateway.state.Buckets;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What a call to a model must pass before it leaves: the pause Gemini asked for (a cool-
 * down after a 429 with a {@code retryDelay}, shared with every replica) and the model's
 * provider budgets ({@code requests-per-minute}, {@code tokens-per-minute}). A pause
 * fails the attempt as Gemini's own 429 would, so the retry policy waits it out within
 * the deadline; a spent budget waits up to {@code budget-wait} and then fails with
 * {@link GeminiBudgetException}. Tokens are charged from the caller's estimate (see
 * {@link #estimate}) and corrected by the answer's usage; a failed attempt gives them
 * back.
 */
public final class ModelGate {

	private static final Object ESTIMATE = ModelGate.class.getName() + ".estimate";

	private static final Object USAGE = ModelGate.class.getName() + ".usage";

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private final GeminiProperties models;

	private final Duration budgetWait;

	private final Buckets buckets;

	private final CoolDowns coolDowns;

	private final MeterRegistry meters;

	private final Map<Long, BucketConfiguration> perMinute = new ConcurrentHashMap<>();

	public ModelGate(GeminiProperties models, ProviderBudgetProperties budgets, Buckets buckets, CoolDowns coolDowns,
			MeterRegistry meters) {
		this.models = models;
		this.budgetWait = budgets.budgetWait();
		this.buckets = buckets;
		this.coolDowns = coolDowns;
		this.meters = meters;
	}

	/**
	 * The context that tells the gate how many tokens the generateContent call it is
	 * written to will cost, for the model's tokens-per-minute.
	 */
	public static Context estimate(long tokens) {
		return Context.of(ESTIMATE, tokens);
	}

	/**
	 * The context that tells the gate how to read the tokens used from answers it cannot
	 * read itself (a forwarded body, a chunk of an event stream): {@code reader} gives an
	 * answer's {@code usageMetadata.totalTokenCount}, or -1 when the answer has none.
	 */
	public static Context usage(ToLongFunction<Object> reader) {
		return Context.of(USAGE, reader);
	}

	<T> Flux<T> pass(GeminiOperation operation, String model, Flux<T> call) {
		return Flux.deferContextual((context) -> {
			Duration paused = this.coolDowns.remaining(model);
			if (!paused.isZero()) {
				reject(operation, "cool_down");
				return Flux.error(new GeminiApiException(operation, 429, "RESOURCE_EXHAUSTED",
						"Gemini asked for a pause on this model; the gateway holds calls until it ends", paused));
			}
			ModelSettings settings = this.models.model(model);
			if (settings == null || (settings.requestsPerMinute() == 0 && settings.tokensPerMinute() == 0)) {
				return call.doOnError((failure) -> coolDownOn(model, failure));
			}
			long estimate = context.getOrDefault(ESTIMATE, 0L);
			long tokens = (settings.tokensPerMinute() > 0) ? Math.min(estimate, settings.tokensPerMinute()) : 0;
			// A streamed answer counts its usage in the last event that has one
			AtomicLong used = new AtomicLong(-1);
			ToLongFunction<Object> reader = context.getOrDefault(USAGE, ModelGate::totalTokens);
			return admit(operation, model, settings, tokens, this.budgetWait).thenMany(call.doOnNext((answer) -> {
				long total = reader.applyAsLong(answer);
				if (total >= 0) {
					used.set(total);
				}
			}).doOnComplete(() -> {
				if (used.get() >= 0) {
					adjustTokens(model, settings, tokens - used.get());
				}
			}).doOnError((failure) -> {
				coolDownOn(model, failure);
				adjustTokens(model, settings, tokens);
			}));
		});
	}

	private Mono<Void> admit(GeminiOperation operation, String model, ModelSettings settings, long tokens,
			Duration waitLeft) {
		return Mono.defer(() -> {
			long wait = take(model, settings, tokens);
			if (wait == 0) {
				return Mono.empty();
			}
			Duration needed = Duration.ofNanos(wait);
			if (needed.compareTo(waitLeft) <= 0) {
				return Mono.delay(needed).then(admit(operation, model, settings, tokens, waitLeft.minus(needed)));
			}
			reject(operation, "budget");
			return Mono.error(new GeminiBudgetException(operation,
					"The gateway's budget for model " + model + " is spent for now; retry after the delay given.",
					needed));
		});
	}

	/** Nanoseconds until both budgets hold the call; 0 when it was charged. */
	private long take(String model, ModelSettings settings, long tokens) {
		if (settings.requestsPerMinute() > 0) {
			ConsumptionProbe request = this.buckets.tryConsume("budget:rpm:" + model,
					perMinute(settings.requestsPerMinute()), 1);
			if (!request.isConsumed()) {
				return Math.max(1, request.getNanosToWaitForRefill());
			}
		}
		if (tokens > 0) {
			ConsumptionProbe charged = this.buckets.tryConsume("budget:tpm:" + model,
					perMinute(settings.tokensPerMinute()), tokens);
			if (!charged.isConsumed()) {
				if (settings.requestsPerMinute() > 0) {
					this.buckets.adjust("budget:rpm:" + model, perMinute(settings.requestsPerMinute()), 1);
				}
				return Math.max(1, charged.getNanosToWaitForRefill());
			}
		}
		return 0;
	}

	private static long totalTokens(Object answer) {
		if (answer instanceof GenerateContentResponse response) {
			UsageMetadata usage = response.usageMetadata();
			if (usage != null && usage.totalTokenCount() != null) {
				return usage.totalTokenCount();
			}
		}
		return -1;
	}

	private void adjustTokens(String model, ModelSettings settings, long tokens) {
		if (settings.tokensPerMinute() > 0 && tokens != 0) {
			this.buckets.adjust("budget:tpm:" + model, perMinute(settings.tokensPerMinute()), tokens);
		}
	}

	private void coolDownOn(String model, Throwable failure) {
		if (failure instanceof GeminiApiException api && api.httpStatus() == 429 && api.retryDelay().isPresent()
				&& !api.retryDelay().get().isZero()) {
			this.coolDowns.start(model, api.retryDelay().get());
		}
	}

	private BucketConfiguration perMinute(long capacity) {
		return this.perMinute.computeIfAbsent(capacity,
				(size) -> BucketConfiguration.builder()
					.addLimit((limit) -> limit.capacity(size).refillGreedy(size, MINUTE))
					.build());
	}

	private void reject(GeminiOperation operation, String reason) {
		this.meters.counter("gemini.rejections", "operation", operation.tag(), "reason", reason).increment();
	}

}
