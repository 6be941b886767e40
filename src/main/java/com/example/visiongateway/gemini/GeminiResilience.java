package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * What stands between the client and the wire: every client call is retried by
 * {@link RetryPolicy} within one deadline, and every HTTP exchange passes a circuit
 * breaker (one per model, one for the Files API) and the {@link CallLimiter}. Nothing
 * here blocks a thread: waits are timers and queued subscriptions.
 * <p>
 * Meters: {@code gemini.retries} (tags {@code operation}, {@code reason}),
 * {@code gemini.rejections} (tags {@code operation}, {@code reason} = {@code overloaded}
 * or {@code circuit_open}), and the gauges {@code gemini.calls.active} and
 * {@code gemini.calls.queued}.
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

	private final CallLimiter limiter;

	private final CircuitBreakerRegistry breakers;

	private final MeterRegistry meters;

	public GeminiResilience(GeminiResilienceProperties properties, MeterRegistry meters,
			CircuitBreakerRegistry breakers) {
		this.properties = properties;
		this.retryPolicy = new RetryPolicy(properties.retry(), () -> ThreadLocalRandom.current().nextDouble());
		this.limiter = new CallLimiter(properties.maxConcurrentCalls(), properties.maxQueuedCalls());
		this.breakers = breakers;
		this.meters = meters;
		Gauge.builder("gemini.calls.active", this.limiter, CallLimiter::active)
			.description("HTTP exchanges with Gemini in flight")
			.register(meters);
		Gauge.builder("gemini.calls.queued", this.limiter, CallLimiter::queued)
			.description("HTTP exchanges with Gemini waiting for a free slot")
			.register(meters);
	}

	/** The breakers the settings describe, with state changes logged. */
	public static CircuitBreakerRegistry circuitBreakers(GeminiResilienceProperties properties) {
		GeminiResilienceProperties.CircuitBreaker settings = properties.circuitBreaker();
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
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

	/**
	 * One client call: {@code attempt} is subscribed again for each try (so it must
	 * rebuild its request and re-open its bytes), and the whole call, waits included,
	 * ends by the deadline. Cancelling on the deadline cancels the exchange in flight,
	 * which closes its connection.
	 */
	<T> Mono<T> call(GeminiOperation operation, Mono<T> attempt) {
		Duration deadline = this.properties.deadline();
		return Mono.defer(() -> {
			long started = System.nanoTime();
			return attempt.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
				Duration remaining = deadline.minusNanos(System.nanoTime() - started);
				Throwable failure = signal.failure();
				Optional<Duration> wait = this.retryPolicy.nextWait(failure, (int) signal.totalRetries() + 1,
						remaining);
				if (wait.isEmpty()) {
					return Mono.error(failure);
				}
				this.meters
					.counter("gemini.retries", "operation", operation.tag(), "reason",
							RetryPolicy.retryReason(failure).orElseThrow())
					.increment();
				return Mono.delay(wait.get());
			})));
		})
			.timeout(deadline, Mono.error(() -> new GeminiTimeoutException(operation, "Gemini " + operation.tag()
					+ " did not finish within the deadline of " + deadline.toMillis() + " ms", null)));
	}

	/**
	 * One HTTP exchange with Gemini, through the breaker of {@code target} and then the
	 * limiter.
	 */
	<T> Mono<T> exchange(GeminiOperation operation, String target, Mono<T> exchange) {
		Mono<T> limited = this.limiter.run(exchange, () -> {
			reject(operation, "overloaded");
			return new GeminiOverloadedException(operation,
					"Too many calls to Gemini are in flight; try again shortly.", OVERLOAD_RETRY_AFTER);
		});
		if (!this.properties.circuitBreaker().enabled()) {
			return limited;
		}
		return Mono.defer(() -> guarded(this.breakers.circuitBreaker(target), operation, limited));
	}

	private <T> Mono<T> guarded(CircuitBreaker breaker, GeminiOperation operation, Mono<T> call) {
		if (!breaker.tryAcquirePermission()) {
			reject(operation, "circuit_open");
			return Mono.error(new GeminiOverloadedException(operation,
					"Gemini has been failing; the gateway pauses calls to it for a moment.",
					this.properties.circuitBreaker().waitInOpen()));
		}
		long started = breaker.getCurrentTimestamp();
		AtomicBoolean settled = new AtomicBoolean();
		return call.doOnSuccess((value) -> {
			if (settled.compareAndSet(false, true)) {
				breaker.onSuccess(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit());
			}
		}).doOnError((failure) -> {
			if (settled.compareAndSet(false, true)) {
				record(breaker, breaker.getCurrentTimestamp() - started, failure);
			}
		}).doOnCancel(() -> {
			if (settled.compareAndSet(false, true)) {
				breaker.releasePermission();
			}
		});
	}

	/**
	 * Only Gemini's own failures count against it; a request Gemini rightly refused shows
	 * it is up.
	 */
	private static void record(CircuitBreaker breaker, long duration, Throwable failure) {
		if (failure instanceof GeminiTimeoutException || failure instanceof GeminiConnectionException
				|| (failure instanceof GeminiApiException api && api.httpStatus() >= 500)) {
			breaker.onError(duration, breaker.getTimestampUnit(), failure);
		}
		else if (failure instanceof GeminiApiException api && api.httpStatus() != 408 && api.httpStatus() != 429) {
			breaker.onSuccess(duration, breaker.getTimestampUnit());
		}
		else {
			// Quota, our own unreadable bytes, an unusable answer, a refused slot: says
			// nothing about Gemini's health
			breaker.releasePermission();
		}
	}

	private void reject(GeminiOperation operation, String reason) {
		this.meters.counter("gemini.rejections", "operation", operation.tag(), "reason", reason).increment();
	}

}
