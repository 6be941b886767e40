package com.example.visiongateway.budget;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BudgetTests {

	@Test
	void reservesUpToItsCapacityAndNoFurther() {
		Budget budget = new Budget("heap", 100);
		assertThat(budget.tryReserve(60)).isTrue();
		assertThat(budget.tryReserve(41)).isFalse();
		assertThat(budget.tryReserve(40)).isTrue();
		assertThat(budget.used()).isEqualTo(100);
		budget.release(100);
		assertThat(budget.used()).isZero();
	}

	@Test
	void answersOverloadedWithRetryAfterWhenNothingIsReleasedInTime() {
		Budget budget = new Budget("disk", 10);
		budget.reserve(10, Duration.ZERO);
		assertThatThrownBy(() -> budget.reserve(1, Duration.ofMillis(20))).isInstanceOfSatisfying(VisionException.class,
				(ex) -> {
					assertThat(ex.code()).isEqualTo(ErrorCode.OVERLOADED);
					assertThat(ex.properties()).containsEntry("resource", "disk").containsKey("retryAfterSeconds");
				});
		assertThat(budget.used()).isEqualTo(10);
	}

	@Test
	void refusesAtOnceWhatCouldNeverFit() {
		Budget budget = new Budget("decode", 10);
		long start = System.nanoTime();
		assertThatThrownBy(() -> budget.reserve(11, Duration.ofSeconds(30))).isInstanceOf(VisionException.class);
		assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
		assertThat(budget.used()).isZero();
	}

	@Test
	void aWaitingReservationGoesThroughOnceAnotherReleases() throws Exception {
		Budget budget = new Budget("heap", 10);
		budget.reserve(10, Duration.ZERO);
		CountDownLatch started = new CountDownLatch(1);
		CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
			started.countDown();
			budget.reserve(5, Duration.ofSeconds(30));
		});
		started.await();
		budget.release(6);
		waiting.get(30, TimeUnit.SECONDS);
		assertThat(budget.used()).isEqualTo(9);
	}

	@Test
	void refusesNegativeAmountsAndReleasesOfWhatWasNotReserved() {
		Budget budget = new Budget("heap", 10);
		assertThatIllegalArgumentException().isThrownBy(() -> budget.tryReserve(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Budget("heap", -1));
		assertThatIllegalStateException().isThrownBy(() -> budget.release(1));
	}

}
