package com.example.visiongateway.observability;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ObservabilityIntegrationTests extends GatewayIntegrationTest {

	@Test
	void exposesEveryMeterWithItsTagsAfterRealRequests() {
		Map<String, Double> before = scrape();

		Reply caption = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
		Reply detect = this.gateway.post("/v1/vision/detect",
				parts().image("coffee.webp", TestImages.fixture("coffee.webp"), "image/webp"));
		this.gateway.post("/v1/vision/caption",
				parts().image("x.gif", TestImages.fixture("unsupported.gif"), "image/gif"));
		byte[] rocket = TestImages.fixture("rocket.jpg");
		this.gateway.post("/v1/files", parts().file("file", "rocket.jpg", rocket, "image/jpeg"));
		this.gateway.post("/v1/files", parts().file("file", "rocket.jpg", rocket, "image/jpeg"));
		stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded.", Duration.ofSeconds(120));
		this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
		stub.reset();
		// The 429's retryDelay pauses the model (issue 15's shared cool-down); the 503
		// below must reach the stub
		clearCoolDowns();
		stub.failWith(503, "UNAVAILABLE", "The model is overloaded.");
		this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
		stub.reset();
		this.gateway.post("/v1/vision/tokens",
				parts().image("big.jpg", TestImages.fixture("coffee-4000x3000.jpg"), "image/jpeg")
					.field("maxDimension", "512"));

		Map<String, Double> after = scrape();
		assertThat(sumDelta(before, after, "gemini_retries_total{", "reason=\"http_503\"")).isEqualTo(2);
		assertThat(delta(before, after,
				"vision_requests_seconds_count{model=\"gemini-3.8-flash\",outcome=\"upstream_error\",task=\"caption\"}"))
			.isEqualTo(1);
		assertThat(delta(before, after, "vision_downscale_saved_bytes_total{mime=\"image/jpeg\"}"))
			.isGreaterThan(1_000_000);
		assertThat(delta(before, after,
				"vision_requests_seconds_count{model=\"gemini-3.8-flash\",outcome=\"success\",task=\"caption\"}"))
			.isEqualTo(1);
		assertThat(delta(before, after,
				"vision_requests_seconds_count{model=\"gemini-3.8-flash\",outcome=\"success\",task=\"detect\"}"))
			.isEqualTo(1);
		assertThat(delta(before, after,
				"vision_requests_seconds_count{model=\"gemini-3.8-flash\",outcome=\"client_error\",task=\"caption\"}"))
			.isEqualTo(1);
		assertThat(delta(before, after,
				"vision_requests_seconds_count{model=\"gemini-3.8-flash\",outcome=\"rate_limited\",task=\"caption\"}"))
			.isEqualTo(1);
		assertThat(delta(before, after,
				"vision_requests_seconds_count{model=\"none\",outcome=\"success\",task=\"files\"}"))
			.isEqualTo(2);
		assertThat(after.keySet()).anyMatch((series) -> series.startsWith("vision_requests_seconds_bucket{"));
		assertThat(delta(before, after, "vision_images_total{mime=\"image/png\",transfer=\"inline\"}")).isEqualTo(3);
		assertThat(delta(before, after, "vision_images_total{mime=\"image/webp\",transfer=\"inline\"}")).isEqualTo(1);
		assertThat(delta(before, after, "vision_image_bytes_count{mime=\"image/jpeg\"}")).isEqualTo(3);
		assertThat(delta(before, after, "vision_image_bytes_sum{mime=\"image/jpeg\"}"))
			.isEqualTo(2.0 * rocket.length + TestImages.fixture("coffee-4000x3000.jpg").length);
		assertThat(delta(before, after, "vision_files_dedup_total{result=\"miss\"}")).isEqualTo(1);
		assertThat(delta(before, after, "vision_files_dedup_total{result=\"hit\"}")).isEqualTo(1);
		assertThat(
				sumDelta(before, after, "gemini_requests_seconds_count{", "operation=\"generate\"", "status=\"200\""))
			.isEqualTo(2);
		assertThat(sumDelta(before, after, "gemini_requests_seconds_count{", "operation=\"upload\"", "status=\"200\""))
			.isGreaterThanOrEqualTo(2);
		assertThat(
				sumDelta(before, after, "gemini_requests_seconds_count{", "operation=\"generate\"", "status=\"429\""))
			.isGreaterThanOrEqualTo(1);
		assertThat(after.keySet()).anyMatch((series) -> series.startsWith("gemini_requests_seconds_bucket{"));
		// measured once: no WebClient timer of the same exchanges beside gemini.requests
		assertThat(after.keySet()).noneMatch((series) -> series.startsWith("http_client_requests"));
		int prompt = caption.json().get("usage").get("promptTokens").asInt()
				+ detect.json().get("usage").get("promptTokens").asInt();
		int output = caption.json().get("usage").get("outputTokens").asInt()
				+ detect.json().get("usage").get("outputTokens").asInt();
		assertThat(delta(before, after, "gemini_tokens_total{kind=\"prompt\",model=\"gemini-3.8-flash\"}"))
			.isEqualTo(prompt);
		assertThat(delta(before, after, "gemini_tokens_total{kind=\"output\",model=\"gemini-3.8-flash\"}"))
			.isEqualTo(output);
	}

	@Test
	void logsOneLinePerRequestAndEchoesTheRequestId(CapturedOutput output) {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"), "abc-123");
		Reply generated = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertThat(reply.headers().getFirst("X-Request-Id")).isEqualTo("abc-123");
		assertThat(generated.headers().getFirst("X-Request-Id")).hasSize(36);
		assertThat(output.getOut()).containsOnlyOnce("requestId=abc-123")
			.contains("POST /v1/vision/caption status=200")
			.contains("images=1 model=gemini-3.8-flash requestId=abc-123")
			.contains("requestId=" + generated.headers().getFirst("X-Request-Id"))
			.doesNotContain(GEMINI_KEY);
	}

	@Test
	void reportsReadinessWithoutCallingGeminiAndExposesNothingElse() {
		Reply readiness = this.gateway.get("/actuator/health/readiness");
		Reply liveness = this.gateway.get("/actuator/health/liveness");

		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		assertThat(liveness.json().get("status").asString()).isEqualTo("UP");
		assertThat(stub.server().getAllServeEvents()).isEmpty();
		assertThat(this.gateway.get("/actuator/env").status()).isEqualTo(404);
		assertThat(this.gateway.get("/actuator/beans").status()).isEqualTo(404);
		assertThat(this.gateway.get("/actuator/info").status()).isEqualTo(200);
	}

	private Map<String, Double> scrape() {
		Map<String, Double> series = new HashMap<>();
		for (String line : this.gateway.get("/actuator/prometheus").body().split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int space = line.lastIndexOf(' ');
			series.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
		}
		return series;
	}

	private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
		assertThat(after).as("series %s in %s", series, after.keySet()).containsKey(series);
		return after.get(series) - before.getOrDefault(series, 0.0);
	}

	/**
	 * The change summed over every series with the prefix and all the given labels
	 * (others, such as error, vary).
	 */
	private static double sumDelta(Map<String, Double> before, Map<String, Double> after, String prefix,
			String... labels) {
		double sum = 0;
		for (var entry : after.entrySet()) {
			String series = entry.getKey();
			if (series.startsWith(prefix) && Arrays.stream(labels).allMatch(series::contains)) {
				sum += entry.getValue() - before.getOrDefault(series, 0.0);
			}
		}
		return sum;
	}

}
