package com.example.visiongateway.auth;

import java.time.Duration;

import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Parts;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.MovableClock;
import com.example.visiongateway.support.MovableClockConfiguration;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 8, over HTTP with the application's clock moved by hand: a key that
 * spent its images and then stays quiet is served again, in full, once the minute has
 * passed, however long it stayed quiet. (It used to stay blocked: the refill was capped
 * at 60 s per attempt, so six quiet minutes later a 1-image request was still 429.)
 */
@TestPropertySource(properties = { "vision.auth.enabled=true", "vision.auth.images-per-minute=10" })
@Import(MovableClockConfiguration.class)
class QuotaRecoveryIntegrationTests extends GatewayIntegrationTest {

	private static final String KEY = "vg-test-quiet-7a8b9c";

	@Autowired
	private MovableClock clock;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> "quiet:" + ApiKeys.sha256Hex(KEY));
	}

	@Test
	void aQuietKeyIsServedAgainInFullAfterSixMinutes() {
		GatewayClient quiet = this.gateway.withHeader("X-API-Key", KEY);
		assertThat(quiet.post("/v1/vision/caption", images(10)).status()).isEqualTo(200);
		Reply spent = quiet.post("/v1/vision/caption", images(1));
		assertProblem(spent, 429, "RATE_LIMITED");
		assertThat(Long.parseLong(spent.headers().getFirst("Retry-After"))).isBetween(1L, 60L);

		this.clock.advance(Duration.ofMinutes(6));

		Reply one = quiet.post("/v1/vision/caption", images(1));
		assertThat(one.status()).as(one.body()).isEqualTo(200);
		// the bucket is full again (one minute's worth, never more): 9 more fit, a 10th
		// does not
		assertThat(quiet.post("/v1/vision/caption", images(9)).status()).isEqualTo(200);
		assertProblem(quiet.post("/v1/vision/caption", images(1)), 429, "RATE_LIMITED");
	}

	private static Parts images(int count) {
		Parts parts = parts();
		for (int i = 0; i < count; i++) {
			parts.image("i" + i + ".png", TestImages.tinyPng(i), "image/png");
		}
		return parts;
	}

}
