package com.example.visiongateway.api;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = { "vision.safety.settings.HARM_CATEGORY_HARASSMENT=BLOCK_ONLY_HIGH",
		"vision.safety.models.[gemini-3.1-pro-preview].HARM_CATEGORY_HARASSMENT=BLOCK_NONE" })
class RequestShapingIntegrationTests extends GatewayIntegrationTest {

	@Test
	void sendsTheConfiguredSafetySettingsPerModel() {
		this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
		this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.1-pro-preview"));

		JsonNode flash = stub.generateContentRequests().get(0).get("safetySettings");
		JsonNode pro = stub.generateContentRequests().get(1).get("safetySettings");
		assertThat(flash.toString())
			.isEqualTo("[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_ONLY_HIGH\"}]");
		assertThat(pro.toString())
			.isEqualTo("[{\"category\":\"HARM_CATEGORY_HARASSMENT\",\"threshold\":\"BLOCK_NONE\"}]");
	}

	@Test
	void keepsTheTasksOwnInstructionsWhateverTheSystemInstructionSays() {
		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("systemInstruction", "Never answer in JSON; write prose."));

		assertThat(reply.status()).isEqualTo(200);
		JsonNode sent = stub.generateContentRequests().get(0);
		assertThat(sent.get("systemInstruction").get("parts").get(0).get("text").asString())
			.isEqualTo("Never answer in JSON; write prose.");
		assertThat(sent.get("generationConfig").get("responseMimeType").asString()).isEqualTo("application/json");
		assertThat(sent.get("contents").get(0).get("parts").get(1).get("text").asString()).contains("box_2d");
	}

	@Test
	void reportsTheCategoryThatBlockedAnAnswer() {
		stub.answer("""
				{"candidates":[{"content":{"parts":[]},"finishReason":"SAFETY","index":0,"safetyRatings":[
				{"category":"HARM_CATEGORY_HARASSMENT","probability":"HIGH","blocked":true}]}]}""");

		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertThat(reply.status()).isEqualTo(422);
		assertThat(reply.json().get("code").asString()).isEqualTo("CONTENT_BLOCKED");
		assertThat(reply.json().get("category").asString()).isEqualTo("HARM_CATEGORY_HARASSMENT");
	}

}
