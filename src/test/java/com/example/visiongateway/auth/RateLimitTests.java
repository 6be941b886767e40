package com.example.visiongateway.auth;

import java.time.Duration;
import java.util.List;

import com.example.visiongateway.auth.RateLimiter.Outcome;
import com.example.visiongateway.auth.RateLimiter.Take;
import com.example.visiongateway.state.MemoryBuckets;
import com.example.visiongateway.support.MovableClock;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockMultipartHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTests {

	private final MovableClock clock = MovableClock.stopped();

	private MemoryBuckets buckets;

	@Test
	void startsFullAndRefusesOnceEmpty() {
		RateLimiter limiter = limiter(3, 10);

		assertThat(limiter.take("a", 1).granted()).isTrue();
		assertThat(limiter.take("a", 2).granted()).isTrue();
		Take refused = limiter.take("a", 1);

		assertThat(refused.outcome()).isEqualTo(Outcome.REFUSED);
		// 3 per minute: one token every 20 s.
		assertThat(refused.retryAfterSeconds()).isEqualTo(20);
	}

	@Test
	void refillsExactlyWithoutRoundingDrift() {
		// 7 per minute: a token every 8,571.428... ms, which a double per-ms rate would
		// get wrong over a minute.
		RateLimiter limiter = limiter(7, 10);
		assertThat(limiter.take("a", 7).granted()).isTrue();

		this.clock.advance(Duration.ofMillis(8571));
		Take early = limiter.take("a", 1);
		assertThat(early.granted()).isFalse();
		assertThat(early.retryAfterSeconds()).isEqualTo(1);

		this.clock.advance(Duration.ofMillis(1));
		assertThat(limiter.take("a", 1).granted()).isTrue();

		this.clock.advance(Duration.ofMillis(60_000 - 8572));
		assertThat(limiter.take("a", 6).granted()).isTrue();
		assertThat(limiter.take("a", 1).granted()).isFalse();
	}

	@Test
	void saysHowLongUntilEnoughTokensForTheWholeTake() {
		RateLimiter limiter = limiter(60, 10);
		assertThat(limiter.take("a", 60).granted()).isTrue();
		this.clock.advance(Duration.ofMillis(2500));

		Take refused = limiter.take("a", 10);

		// 2.5 tokens are back at 1 per second; 7.5 more take 7.5 s, rounded up.
		assertThat(refused.granted()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(8);
		this.clock.advance(Duration.ofMillis(7499));
		assertThat(limiter.take("a", 10).granted()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(limiter.take("a", 10).granted()).isTrue();
	}

	@Test
	void neverHoldsMoreThanOneMinuteOfTokens() {
		RateLimiter limiter = limiter(5, 10);
		limiter.take("a", 1);
		this.clock.advance(Duration.ofDays(400));

		assertThat(limiter.take("a", 5).granted()).isTrue();
		assertThat(limiter.take("a", 1).granted()).isFalse();
	}

	@Test
	void refusesATakeLargerThanTheWholeQuotaWithoutChargingIt() {
		// Changed behaviour (issue 13): such a take used to be granted from a full
		// bucket, leaving the key in debt.
		RateLimiter limiter = limiter(10, 10);

		Take tooLarge = limiter.take("a", 50);

		assertThat(tooLarge.outcome()).isEqualTo(Outcome.EXCEEDS_LIMIT);
		assertThat(tooLarge.retryAfterSeconds()).as("the bucket is full already").isEqualTo(1);
		assertThat(limiter.take("a", 10).granted()).as("nothing was charged").isTrue();
		assertThat(limiter.take("a", 11).outcome()).isEqualTo(Outcome.EXCEEDS_LIMIT);
		this.clock.advance(Duration.ofSeconds(30));
		assertThat(limiter.take("a", 11).retryAfterSeconds()).as("until the bucket is full again").isEqualTo(30);
	}

	@Test
	void aQuietKeyRecoversFullyWhateverItSpent() {
		// Issue 13: a key that had been in debt stayed blocked minutes later (refill
		// capped at 60 s per attempt).
		RateLimiter limiter = limiter(10, 10);
		for (int minute = 0; minute < 6; minute++) {
			assertThat(limiter.take("a", 10).granted()).isTrue();
			assertThat(limiter.take("a", 1).granted()).isFalse();
			this.clock.advance(Duration.ofSeconds(60));
		}
		assertThat(limiter.take("a", 10).granted()).isTrue();

		this.clock.advance(Duration.ofMinutes(6));

		assertThat(limiter.take("a", 10).granted()).isTrue();
	}

	@Test
	void ignoresAClockThatGoesBack() {
		RateLimiter limiter = limiter(60, 10);
		limiter.take("a", 60);
		this.clock.advance(Duration.ofSeconds(-30));
		assertThat(limiter.take("a", 1).granted()).isFalse();
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(limiter.take("a", 1).granted()).as("no credit for going back and forth").isTrue();
		assertThat(limiter.take("a", 1).granted()).isFalse();
	}

	@Test
	void keepsOneBucketPerCaller() {
		RateLimiter limiter = limiter(2, 10);

		assertThat(limiter.take("alice", 2).granted()).isTrue();
		assertThat(limiter.take("alice", 1).granted()).isFalse();
		assertThat(limiter.take("bob", 2).granted()).isTrue();
		assertThat(this.buckets.size()).isEqualTo(2);
	}

	@Test
	void remembersAtMostItsBoundOfCallers() {
		RateLimiter limiter = limiter(1, 2);
		for (String caller : List.of("a", "b", "c", "d", "e")) {
			limiter.take(caller, 1);
		}

		assertThat(this.buckets.size()).isLessThanOrEqualTo(2);
	}

	@Test
	void forgetsABucketUnusedForAMinuteWhichIsFullByThenAnyway() {
		RateLimiter limiter = limiter(1, 10);
		limiter.take("a", 1);
		this.clock.advance(Duration.ofSeconds(59));
		assertThat(limiter.take("a", 1).granted()).isFalse();
		assertThat(this.buckets.size()).isEqualTo(1);

		this.clock.advance(Duration.ofSeconds(61));

		assertThat(this.buckets.size()).isZero();
		assertThat(limiter.take("a", 1).granted()).isTrue();
	}

	@Test
	void letsEverythingThroughWithoutALimit() {
		RateLimiter limiter = limiter(0, 10);

		assertThat(limiter.limited()).isFalse();
		for (int i = 0; i < 1000; i++) {
			assertThat(limiter.take("alice", 3600).granted()).isTrue();
		}
		assertThat(this.buckets.size()).isZero();
	}

	private RateLimiter limiter(int perMinute, int maxCallers) {
		this.buckets = new MemoryBuckets(maxCallers, Duration.ofMinutes(1), this.clock);
		return new RateLimiter("images", perMinute, this.buckets);
	}

	@Test
	void countsImagesFromEverySource() {
		MockMultipartHttpServletRequest request = new MockMultipartHttpServletRequest();
		request.setServletPath("/v1/vision/caption");
		request.addFile(new MockMultipartFile("images", "a.png", "image/png", new byte[] { 1 }));
		request.addFile(new MockMultipartFile("images", "b.png", "image/png", new byte[] { 2 }));
		request.addFile(new MockMultipartFile("other", "c.png", "image/png", new byte[] { 3 }));
		request.addParameter("fileIds", "f1", " ", "f2");
		request.addParameter("imageUrls", "http://127.0.0.1/x.png");
		request.addParameter("prompt", "hi");

		assertThat(ImageQuotaInterceptor.imageCount(request)).isEqualTo(5);
	}

	@Test
	void countsOneImageForAnUploadAndNoneForOtherMethods() {
		MockMultipartHttpServletRequest upload = new MockMultipartHttpServletRequest();
		upload.setServletPath("/v1/files");
		upload.addFile(new MockMultipartFile("file", "a.png", "image/png", new byte[] { 1 }));
		MockHttpServletRequest list = new MockHttpServletRequest("GET", "/v1/files");
		list.setServletPath("/v1/files");
		list.addParameter("fileIds", "f1");

		assertThat(ImageQuotaInterceptor.imageCount(upload)).isEqualTo(1);
		assertThat(ImageQuotaInterceptor.imageCount(list)).isZero();
	}

}
