package com.example.visiongateway.gemini;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * What stands between the client and the wire: every client call is retried by
 * {@link RetryPolicy} within one deadline, and every HTTP exchange passes a circuit
 * breaker (one per model, one for the Files API, Resilience4j's Reactor operator) and the
 * {@link ModelGate} (a model's cool-down and budgets); the one limit on calls in flight
 * is the connection pool's (see {@link PoolGauges}). Nothing here blocks a thread: waits
 * are timers and queued subscriptions.
 * <p>
 * Meters: {@code gemini.retries} (tags {@code operation}, {@code reason}),
 * {@code gemini.rejections} (tags {@code operation}, {@code reason} = {@code overloaded}
 * or {@code circuit_open}), the pool gauges {@code gemini.calls.active} and
 * {@code gemini.calls.queued}, and Resilience4j's {@code resilience4j.circuitbreaker.*}
 * (state, calls, failure rate per breaker).
 */
public final class GeminiResilience {

	/** Breaker of the Files API; generate and count tokens use one per model. */
	static final String FILES = "files";

	/**
	 * What a caller refused for overload is told to wait: long enough for a burst to
	 * drain.
	 */
	static final Duration OVERLOAD_RETRY_AFTER = Duration.ofSeconds(2);

	private static final Logger log = LoggerFactory.getLogger(GeminiResilience.class);

	private final GeminiResilienceProperties properties;

	private final RetryPolicy retryPolicy;

	private final PoolGauges poolGauges;

	private final CircuitBreakerRegistry breakers;

	private final MeterRegistry meters;

	private final ModelGate gate;

	public GeminiResilience(GeminiResilienceProperties properties, MeterRegistry meters,
			CircuitBreakerRegistry breakers, ModelGate gate) {
		this.gate = gate;
		this.properties = properties;
		this.retryPolicy = new RetryPolicy(properties.retry(), () -> ThreadLocalRandom.current().nextDouble());
		this.poolGauges = new PoolGauges(meters);
		this.breakers = breakers;
		this.meters = meters;
	}

	/**
	 * The breakers the settings describe, on {@code clock} (tests move it instead of
	 * sleeping), with state changes logged.
	 */
	public static CircuitBreakerRegistry circuitBreakers(GeminiResilienceProperties properties, Clock clock) {
		GeminiResilienceProperties.CircuitBreaker settings = properties.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.clock(clock)
			// Only Gemini's own failures count against it; a request Gemini rightly
			// refused shows it is up; the rest (quota, our own unreadable bytes, an
			// unusable answer, a refused slot) says nothing about its health
			.recordException(GeminiResilience::geminisFault)
			.ignoreException((failure) -> !geminisFault(failure) && !rightlyRefused(failure))
			.slidingWindowType(SlidingWindowType.TIME_BASED)
			.slidingWindowSize((int) settings.window().toSeconds())
			.minimumNumberOfCalls(settings.minimumCalls())
			.failureRateThreshold(settings.failureRateThreshold())
			.waitDurationInOpenState(settings.waitInOpen())
			.permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
			// Slowness is not failure here (long generations are normal); timeouts are
			// recorded as failures
			.slowCallRateThreshold(100)
			.slowCallDurationThreshold(properties.deadline())
			.build();
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
		registry.getEventPublisher()
			.onEntryAdded((added) -> added.getAddedEntry()
				.getEventPublisher()
				.onStateTransition((event) -> log.warn("Gemini circuit breaker '{}': {}", event.getCircuitBreakerName(),
						event.getStateTransition())));
		return registry;
	}

	GeminiResilienceProperties properties() {
		return this.properties;
	}

	/** Where the connection pool reports its counts. */
	PoolGauges poolGauges() {
		return this.poolGauges;
	}

	/**
	 * One client call: {@code attempt} is subscribed again for each try (so it must
	 * rebuild its request and re-open its bytes), and the whole call, waits included,
	 * ends by the deadline. Cancelling on the deadline cancels the exchange in flight,
	 * which closes its connection.
	 */
	<T> Mono<T> call(GeminiOperation operation, Mono<T> attempt) {
		Duration deadline = this.properties.deadline();
		return Mono.defer(() -> attempt.retryWhen(retry(operation, System.nanoTime(), () -> true)))
			.timeout(deadline, Mono.error(() -> timeout(operation)));
	}

	/**
	 * One streamed client call: retried like {@link #call} only until its first element
	 * arrives (a stream the caller has started to read is never sent twice), and the
	 * deadline bounds the wait for that first element; after it, silence is bounded by
	 * the response timeout alone, so a long stream may run past the deadline.
	 */
	<T> Flux<T> stream(GeminiOperation operation, Flux<T> attempt) {
		Duration deadline = this.properties.deadline();
		return Flux.defer(() -> {
			AtomicBoolean started = new AtomicBoolean();
			return attempt.doOnNext((first) -> started.set(true))
				.retryWhen(retry(operation, System.nanoTime(), () -> !started.get()));
		}).timeout(Mono.delay(deadline), (element) -> Mono.never(), Flux.error(() -> timeout(operation)));
	}

	private Retry retry(GeminiOperation operation, long started, BooleanSupplier mayRetry) {
		Duration deadline = this.properties.deadline();
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Duration remaining = deadline.minusNanos(System.nanoTime() - started);
			Throwable failure = signal.failure();
			Optional<Duration> wait = mayRetry.getAsBoolean()
					? this.retryPolicy.nextWait(failure, (int) signal.totalRetries() + 1, remaining) : Optional.empty();
			if (wait.isEmpty()) {
				return Mono.error(failure);
			}
			this.meters
				.counter("gemini.retries", "operation", operation.tag(), "reason",
						RetryPolicy.retryReason(failure).orElseThrow())
				.increment();
			return Mono.delay(wait.get());
		}));
	}

	private GeminiTimeoutException timeout(GeminiOperation operation) {
		return new GeminiTimeoutException(operation, "Gemini " + operation.tag()
				+ " did not finish within the deadline of " + this.properties.deadline().toMillis() + " ms", null);
	}

	/**
	 * One HTTP exchange with Gemini, through the breaker of {@code target}, the model's
	 * gate and the connection pool.
	 */
	<T> Mono<T> exchange(GeminiOperation operation, String target, Mono<T> exchange) {
		return exchangeMany(operation, target, exchange.flux()).singleOrEmpty();
	}

	/**
	 * As {@link #exchange} for a streamed answer: the connection and the breaker's
	 * permission are held until the stream ends.
	 */
	<T> Flux<T> exchangeMany(GeminiOperation operation, String target, Flux<T> exchange) {
		Flux<T> counted = exchange.doOnError(GeminiOverloadedException.class,
				(refused) -> reject(operation, "overloaded"));
		// Models have budgets and cool-downs; the Files API has neither
		Flux<T> gated = FILES.equals(target) ? counted : this.gate.pass(operation, target, counted);
		if (!this.properties.circuitBreaker().enabled()) {
			return gated;
		}
		// The operator takes the breaker's permission on each subscription (each attempt)
		return gated.transform(CircuitBreakerOperator.of(this.breakers.circuitBreaker(target)))
			.onErrorMap(CallNotPermittedException.class, (open) -> {
				reject(operation, "circuit_open");
				return new GeminiOverloadedException(operation,
						"Gemini has been failing; the gateway pauses calls to it for a moment.",
						this.properties.circuitBreaker().waitInOpen());
			});
	}

	private static boolean geminisFault(Throwable failure) {
		return failure instanceof GeminiTimeoutException || failure instanceof GeminiConnectionException
				|| (failure instanceof GeminiApiException api && api.httpStatus() >= 500);
	}

	private static boolean rightlyRefused(Throwable failure) {
		return failure instanceof GeminiApiException api && api.httpStatus() != 408 && api.httpStatus() != 429;
	}

	private void reject(GeminiOperation operation, String reason) {
		this.meters.counter("gemini.rejections", "operation", operation.tag(), "reason", reason).increment();
	}

}
