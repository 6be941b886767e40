package com.example.visiongateway.cache;

import com.example.visiongateway.support.GatewayClient.Parts;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/** With the result cache off (the default), every request calls Gemini and no X-Cache. */
class ResultCacheOffIntegrationTests extends GatewayIntegrationTest {

	@Test
	void everyRequestCallsGeminiAndNoneCarriesXCache() {
		Parts request = parts().image("cat.png", TestImages.tinyPng(1), "image/png");

		Reply first = this.gateway.post("/v1/vision/caption", request);
		Reply second = this.gateway.post("/v1/vision/caption", request);

		assertThat(first.status()).as(first.body()).isEqualTo(200);
		assertThat(second.status()).as(second.body()).isEqualTo(200);
		assertThat(first.headers().containsHeader("X-Cache")).isFalse();
		assertThat(second.headers().containsHeader("X-Cache")).isFalse();
		assertThat(stub.generateContentRequests()).hasSize(2);
	}

}
