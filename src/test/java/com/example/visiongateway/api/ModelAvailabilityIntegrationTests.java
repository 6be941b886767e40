package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.example.visiongateway.model.ModelAvailability;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model on the allow-list that Gemini no longer lists: noticed by the start-up check
 * (WARN, health detail, gauge), answered 503 MODEL_UNAVAILABLE without calling Gemini; a
 * failing check keeps what is known, a later good one brings the model back.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "vision.gemini.models.[gemini-2.5-flash].mask-form=png-map",
		"vision.gemini.model-check.page-size=3" })
class ModelAvailabilityIntegrationTests extends GatewayIntegrationTest {

	/**
	 * Runs after other classes' tests (which reset the shared stub) and before this
	 * class's application starts (the context is made for the first test instance), so
	 * the start-up check misses the model.
	 */
	@BeforeAll
	static void retireBeforeTheApplicationStarts() {
		stub.retire("gemini-2.5-flash");
	}

	@Autowired
	private ModelAvailability availability;

	@Autowired
	@Qualifier("gemini")
	private HealthIndicator health;

	@Autowired
	private MeterRegistry registry;

	@Test
	void reportsARetiredModelAndAnswersItWith503UntilGeminiListsItAgain(CapturedOutput output)
			throws InterruptedException {
		for (int i = 0; i < 200 && this.availability.available("gemini-2.5-flash"); i++) {
			Thread.sleep(50);
		}
		assertThat(this.availability.unavailable()).containsExactly("gemini-2.5-flash");
		assertThat(output.getAll())
			.containsPattern("WARN.*Gemini does not list the allowed model\\(s\\) " + "\\[gemini-2.5-flash\\]");
		assertThat(this.health.health(true).getDetails()).containsEntry("unavailableModels",
				List.of("gemini-2.5-flash"));
		assertThat(this.registry.get("vision.models.available").tag("model", "gemini-2.5-flash").gauge().value())
			.isZero();
		assertThat(this.registry.get("vision.models.available").tag("model", "gemini-3.8-flash").gauge().value())
			.isOne();

		Reply refused = caption("gemini-2.5-flash");
		assertProblem(refused, 503, "MODEL_UNAVAILABLE");
		assertThat(refused.json().get("detail").asString()).contains("gemini-2.5-flash", "gemini-3.8-flash");
		assertThat(refused.json().get("alternatives").toString()).contains("gemini-3.8-flash")
			.doesNotContain("gemini-2.5-flash");
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(caption("gemini-3.8-flash").status()).isEqualTo(200);

		// Gemini serves the model again (the stub was reset), but the list fails: nothing
		// changes
		stub.server()
			.stubFor(get(urlPathEqualTo("/v1beta/models")).atPriority(1)
				.willReturn(aResponse().withStatus(500)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":{\"code\":500,\"message\":\"Internal error\",\"status\":\"INTERNAL\"}}")));
		assertThat(this.availability.check()).isFalse();
		assertThat(this.availability.unavailable()).containsExactly("gemini-2.5-flash");
		assertThat(this.availability.available("gemini-3.8-flash")).isTrue();

		stub.reset();
		assertThat(this.availability.check()).isTrue();
		// The stub's 10 models, 3 a page
		assertThat(stub.modelsListRequests()).isEqualTo(4);
		assertThat(this.availability.unavailable()).isEmpty();
		assertThat(caption("gemini-2.5-flash").status()).isEqualTo(200);
	}

	private Reply caption(String model) {
		return this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png").field("model", model));
	}

}
