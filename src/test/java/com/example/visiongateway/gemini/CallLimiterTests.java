package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

class CallLimiterTests {

	private final CallLimiter limiter = new CallLimiter(2, 1);

	private final List<String> results = new ArrayList<>();

	private final List<Throwable> errors = new ArrayList<>();

	@Test
	void runsUpToTheCapAndStartsAQueuedCallWhenASlotFrees() {
		Sinks.One<String> first = Sinks.one();
		Sinks.One<String> second = Sinks.one();
		AtomicInteger thirdStarted = new AtomicInteger();

		subscribe(first.asMono());
		subscribe(second.asMono());
		subscribe(Mono.fromSupplier(() -> "third" + thirdStarted.incrementAndGet()));

		assertThat(this.limiter.active()).isEqualTo(2);
		assertThat(this.limiter.queued()).isEqualTo(1);
		assertThat(thirdStarted).hasValue(0);
		first.tryEmitValue("first");
		assertThat(thirdStarted).hasValue(1);
		assertThat(this.results).containsExactlyInAnyOrder("first", "third1");
		second.tryEmitValue("second");
		assertThat(this.limiter.active()).isZero();
		assertThat(this.limiter.queued()).isZero();
	}

	@Test
	void refusesAtOnceWhenTheQueueIsFull() {
		subscribe(Mono.never());
		subscribe(Mono.never());
		subscribe(Mono.never());

		subscribe(Mono.just("never runs"));

		assertThat(this.errors).singleElement().isInstanceOf(IllegalStateException.class);
		assertThat(this.results).isEmpty();
		assertThat(this.limiter.queued()).isEqualTo(1);
	}

	@Test
	void freesTheSlotWhenACallFailsOrIsCancelled() {
		subscribe(Mono.error(new IllegalArgumentException("boom")));
		Disposable hanging = subscribe(Mono.never());
		assertThat(this.limiter.active()).isEqualTo(1);

		hanging.dispose();

		assertThat(this.limiter.active()).isZero();
		assertThat(this.errors).singleElement().isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void dropsACancelledWaiterFromTheQueue() {
		Sinks.One<String> first = Sinks.one();
		subscribe(first.asMono());
		subscribe(Mono.never());
		Disposable waiting = subscribe(Mono.just("cancelled before it ran"));
		assertThat(this.limiter.queued()).isEqualTo(1);

		waiting.dispose();
		first.tryEmitValue("first");

		assertThat(this.limiter.queued()).isZero();
		assertThat(this.limiter.active()).isEqualTo(1);
		assertThat(this.results).containsExactly("first");
	}

	@Test
	void neverRunsMoreThanTheCapUnderConcurrentLoad() {
		CallLimiter limiter = new CallLimiter(8, 2_000);
		AtomicInteger running = new AtomicInteger();
		AtomicInteger highest = new AtomicInteger();
		Mono<Integer> call = Mono.fromCallable(() -> highest.accumulateAndGet(running.incrementAndGet(), Math::max))
			.delayElement(Duration.ofMillis(1))
			// Counted down before the value leaves the call, as the slot is freed then
			.doOnNext((value) -> running.decrementAndGet());

		Long completed = Flux.range(0, 2_000)
			.flatMap((i) -> limiter.run(call, IllegalStateException::new).subscribeOn(Schedulers.parallel()), 2_000)
			.count()
			.block(Duration.ofSeconds(30));

		assertThat(completed).isEqualTo(2_000);
		assertThat(highest.get()).isBetween(2, 8);
		assertThat(limiter.active()).isZero();
		assertThat(limiter.queued()).isZero();
	}

	private Disposable subscribe(Mono<String> call) {
		return this.limiter.run(call, () -> new IllegalStateException("full"))
			.subscribe(this.results::add, this.errors::add);
	}

}
