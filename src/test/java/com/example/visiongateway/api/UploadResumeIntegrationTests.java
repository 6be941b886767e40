package com.example.visiongateway.api;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Files API chunk that fails is resumed in the same session after asking Gemini what
 * arrived (issue 13, item 9): one session, one file, no duplicate. Chunks are 64 KB here,
 * so chelsea.png (235 KB) takes four.
 */
@TestPropertySource(properties = "vision.gemini.upload-chunk-size=64KB")
class UploadResumeIntegrationTests extends GatewayIntegrationTest {

	private static final String UPLOAD = "/upload/v1beta/files";

	@Test
	void resumesAFailedChunkInTheSameSession() {
		// The second chunk fails once, before the stub's session sees it; the stub's own
		// mappings serve the rest.
		stub.server()
			.stubFor(post(urlPathEqualTo(UPLOAD)).atPriority(1)
				.withHeader("X-Goog-Upload-Offset", equalTo("65536"))
				.inScenario("one failed chunk")
				.whenScenarioStateIs(Scenario.STARTED)
				.willSetStateTo("failed once")
				.willReturn(aResponse().withStatus(503)
					.withHeader("Content-Type", "application/json")
					.withBody("{\"error\":{\"code\":503,\"message\":\"Backend error.\",\"status\":\"UNAVAILABLE\"}}")));

		Reply reply = this.gateway.post("/v1/files",
				parts().file("file", "chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		assertThat(stub.uploadCount()).isEqualTo(1);
		assertThat(stub.server()
			.findAll(postRequestedFor(urlPathEqualTo(UPLOAD)).withHeader("X-Goog-Upload-Command", equalTo("start"))))
			.hasSize(1);
		assertThat(stub.server()
			.findAll(postRequestedFor(urlPathEqualTo(UPLOAD)).withHeader("X-Goog-Upload-Command", equalTo("query"))))
			.hasSize(1);
		assertThat(reply.json().get("sizeBytes").asLong()).isEqualTo(TestImages.fixture("chelsea.png").length);
	}

}
