package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/** The shipped model catalog over HTTP against the stub. */
class ModelCatalogIntegrationTests extends GatewayIntegrationTest {

	@Autowired
	private MeterRegistry registry;

	@Test
	void theDefaultRequestReachesGemini38FlashWithItsThinkingLevel() {
		Reply caption = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
		Reply detect = this.gateway.post("/v1/vision/detect",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertThat(caption.status()).as(caption.body()).isEqualTo(200);
		assertThat(caption.json().get("model").asString()).isEqualTo("gemini-3.8-flash");
		assertThat(detect.status()).as(detect.body()).isEqualTo(200);
		List<LoggedRequest> sent = stub.server().findAll(postRequestedFor(urlPathMatching("/v1beta/models/.*")));
		assertThat(sent).extracting(LoggedRequest::getUrl)
			.containsExactly("/v1beta/models/gemini-3.8-flash:generateContent",
					"/v1beta/models/gemini-3.8-flash:generateContent");
		JsonNode captionThinking = thinking(sent.get(0));
		JsonNode detectThinking = thinking(sent.get(1));
		assertThat(captionThinking.get("thinkingLevel").asString()).isEqualTo("medium");
		assertThat(captionThinking.has("thinkingBudget")).isFalse();
		assertThat(detectThinking.get("thinkingLevel").asString()).isEqualTo("low");
		assertThat(detectThinking.has("thinkingBudget")).isFalse();
	}

	@Test
	void sendsEachModelsOwnLevel() {
		Reply lite = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.5-flash-lite"));
		Reply pro = this.gateway.post("/v1/vision/ask",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.1-pro-preview")
					.field("question", "What is it?"));

		assertThat(lite.status()).as(lite.body()).isEqualTo(200);
		assertThat(pro.status()).as(pro.body()).isEqualTo(200);
		List<JsonNode> sent = stub.generateContentRequests();
		assertThat(sent.get(0).get("generationConfig").get("thinkingConfig").get("thinkingLevel").asString())
			.isEqualTo("minimal");
		assertThat(sent.get(1).get("generationConfig").get("thinkingConfig").get("thinkingLevel").asString())
			.isEqualTo("high");
	}

	@Test
	void answersWithTheModelVersionAndCountsAReroute() {
		Reply same = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
		stub.route("gemini-3.5-flash-lite", "gemini-3.8-flash");
		double before = rerouted();
		Reply routed = this.gateway.post("/v1/vision/ask",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.5-flash-lite")
					.field("question", "What is it?"));

		assertThat(same.json().get("modelVersion").asString()).isEqualTo("gemini-3.8-flash");
		assertThat(routed.status()).as(routed.body()).isEqualTo(200);
		assertThat(routed.json().get("model").asString()).isEqualTo("gemini-3.5-flash-lite");
		assertThat(routed.json().get("modelVersion").asString()).isEqualTo("gemini-3.8-flash");
		assertThat(rerouted() - before).isEqualTo(1);
	}

	@Test
	void estimatesAndCountsTokensAtTheDefaultModelsMediaResolution() {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png").field("exact", "true"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode tokens = reply.json().get("results").get(0).get("tokens");
		// Gemini 3 charges 1,120 per image at the default (high) media resolution
		assertThat(tokens.get("estimated").asInt()).isEqualTo(1120);
		assertThat(tokens.get("counted").asInt()).isEqualTo(1120);
		assertThat(tokens.has("tiles")).isFalse();
	}

	private double rerouted() {
		Counter counter = this.registry.find("vision.models.rerouted")
			.tags("model", "gemini-3.5-flash-lite", "answered", "gemini-3.8-flash")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static JsonNode thinking(LoggedRequest request) {
		return JsonMapper.shared().readTree(request.getBody()).get("generationConfig").get("thinkingConfig");
	}

}
