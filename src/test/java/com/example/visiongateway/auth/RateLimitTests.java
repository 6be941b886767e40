package com.example.visiongateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import com.example.visiongateway.auth.TokenBucket.Take;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.mock.web.MockMultipartHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTests {

	private final TestClock clock = new TestClock();

	@Test
	void startsFullAndRefusesOnceEmpty() {
		TokenBucket bucket = new TokenBucket(3, this.clock);

		assertThat(bucket.take(1).granted()).isTrue();
		assertThat(bucket.take(2).granted()).isTrue();
		Take refused = bucket.take(1);

		assertThat(refused.granted()).isFalse();
		// 3 per minute: one token every 20 s.
		assertThat(refused.retryAfterSeconds()).isEqualTo(20);
		assertThat(bucket.available()).isZero();
	}

	@Test
	void refillsExactlyWithoutRoundingDrift() {
		// 7 per minute: a token every 8,571.428... ms, which a double per-ms rate would get wrong over a minute.
		TokenBucket bucket = new TokenBucket(7, this.clock);
		assertThat(bucket.take(7).granted()).isTrue();

		this.clock.advance(Duration.ofMillis(8571));
		Take early = bucket.take(1);
		assertThat(early.granted()).isFalse();
		assertThat(early.retryAfterSeconds()).isEqualTo(1);

		this.clock.advance(Duration.ofMillis(1));
		assertThat(bucket.take(1).granted()).isTrue();

		this.clock.advance(Duration.ofMillis(60_000 - 8572));
		assertThat(bucket.available()).isEqualTo(6);
		assertThat(bucket.take(6).granted()).isTrue();
		assertThat(bucket.take(1).granted()).isFalse();
	}

	@Test
	void saysHowLongUntilEnoughTokensForTheWholeTake() {
		TokenBucket bucket = new TokenBucket(60, this.clock);
		assertThat(bucket.take(60).granted()).isTrue();
		this.clock.advance(Duration.ofMillis(2500));

		Take refused = bucket.take(10);

		// 2.5 tokens are back at 1 per second; 7.5 more take 7.5 s, rounded up.
		assertThat(refused.granted()).isFalse();
		assertThat(refused.retryAfterSeconds()).isEqualTo(8);
		this.clock.advance(Duration.ofMillis(7499));
		assertThat(bucket.take(10).granted()).isFalse();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(bucket.take(10).granted()).isTrue();
	}

	@Test
	void neverHoldsMoreThanOneMinuteOfTokens() {
		TokenBucket bucket = new TokenBucket(5, this.clock);
		this.clock.advance(Duration.ofDays(400));

		assertThat(bucket.available()).isEqualTo(5);
		assertThat(bucket.take(5).granted()).isTrue();
		assertThat(bucket.take(1).granted()).isFalse();
	}

	@Test
	void grantsATakeLargerThanTheBucketOnlyWhenFullAndThenRepaysIt() {
		TokenBucket bucket = new TokenBucket(10, this.clock);
		assertThat(bucket.take(1).granted()).isTrue();

		Take notFull = bucket.take(25);
		assertThat(notFull.granted()).isFalse();
		assertThat(notFull.retryAfterSeconds()).isEqualTo(6);

		this.clock.advance(Duration.ofSeconds(6));
		assertThat(bucket.take(25).granted()).isTrue();
		assertThat(bucket.available()).isEqualTo(-15);
		// 16 tokens at 10 per minute before one is available again: 96 s.
		assertThat(bucket.take(1).retryAfterSeconds()).isEqualTo(96);
	}

	@Test
	void ignoresAClockThatGoesBack() {
		TokenBucket bucket = new TokenBucket(60, this.clock);
		bucket.take(60);
		this.clock.advance(Duration.ofSeconds(-30));
		assertThat(bucket.available()).isZero();
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(bucket.available()).as("no credit for going back and forth").isEqualTo(1);
	}

	@Test
	void keepsOneBucketPerCaller() {
		RateLimiter limiter = new RateLimiter(2, 10, this.clock);

		assertThat(limiter.take("alice", 2).granted()).isTrue();
		assertThat(limiter.take("alice", 1).granted()).isFalse();
		assertThat(limiter.take("bob", 2).granted()).isTrue();
		assertThat(limiter.callers()).isEqualTo(2);
	}

	@Test
	void forgetsTheLeastRecentlySeenCallersBeyondItsBound() {
		RateLimiter limiter = new RateLimiter(1, 2, this.clock);
		limiter.take("a", 1);
		limiter.take("b", 1);
		limiter.take("a", 1);

		limiter.take("c", 1);

		assertThat(limiter.callers()).isEqualTo(2);
		assertThat(limiter.take("a", 1).granted()).as("a was seen recently and is still empty").isFalse();
		assertThat(limiter.take("b", 1).granted()).as("b was forgotten and starts full").isTrue();
	}

	@Test
	void letsEverythingThroughWithoutALimit() {
		RateLimiter limiter = new RateLimiter(0, 10, this.clock);

		assertThat(limiter.limited()).isFalse();
		for (int i = 0; i < 1000; i++) {
			assertThat(limiter.take("alice", 3600).granted()).isTrue();
		}
		assertThat(limiter.callers()).isZero();
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

	/** A clock the test moves by hand. */
	static final class TestClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
