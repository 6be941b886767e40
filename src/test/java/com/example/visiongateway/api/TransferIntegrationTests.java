package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

class TransferIntegrationTests extends GatewayIntegrationTest {

	private static final int MB = 1024 * 1024;

	private static final long INLINE_LIMIT = 20L * MB;

	@Test
	void sendsA5MbImageInline() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("five.png", TestImages.pngOfSize(5 * MB, 1), "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(transfers(reply.json().get("results"))).containsExactly("INLINE");
		assertThat(stub.uploadCount()).isZero();
		JsonNode part = stub.generateContentRequests().get(0).get("contents").get(0).get("parts").get(0);
		assertThat(part.get("inlineData").get("data").asString()).hasSize(4 * ((5 * MB + 2) / 3));
	}

	@Test
	void sendsA25MbImageThroughTheFilesApi() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("big.png", TestImages.pngOfSize(25 * MB, 2), "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(transfers(reply.json().get("results"))).containsExactly("FILE_API");
		assertThat(stub.uploadCount()).isEqualTo(1);
		JsonNode part = stub.generateContentRequests().get(0).get("contents").get(0).get("parts").get(0);
		assertThat(part.get("fileData").get("fileUri").asString()).contains("/files/");
		assertThat(part.get("fileData").get("mimeType").asString()).isEqualTo("image/png");
	}

	@Test
	void movesOnlyAsManyImagesToFilesAsNeeded() {
		Reply reply = this.gateway.post("/v1/vision/ask",
				parts().image("a.png", TestImages.pngOfSize(8 * MB, 3), "image/png")
					.image("b.png", TestImages.pngOfSize(8 * MB + 3, 4), "image/png")
					.image("c.png", TestImages.pngOfSize(8 * MB + 6, 5), "image/png")
					.field("question", "Same cat?"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		List<String> transfers = transfers(reply.json().get("images"));
		// 3 x 8 MB in base64 is 32 MB; the two largest move, the smallest stays inline.
		assertThat(transfers).containsExactly("INLINE", "FILE_API", "FILE_API");
		assertThat(stub.uploadCount()).isEqualTo(2);
		byte[] sent = stub.server().findAll(postRequestedFor(urlPathMatching(".*:generateContent"))).get(0).getBody();
		assertThat((long) sent.length).isLessThan(INLINE_LIMIT);
	}

	@Test
	void uploadsTheSameBytesOnce() {
		byte[] big = TestImages.pngOfSize(25 * MB, 6);
		Reply first = this.gateway.post("/v1/vision/caption", parts().image("one.png", big, "image/png"));
		Reply second = this.gateway.post("/v1/vision/caption", parts().image("two.png", big, "image/png"));

		assertThat(first.status()).isEqualTo(200);
		assertThat(second.status()).isEqualTo(200);
		assertThat(stub.uploadCount()).isEqualTo(1);
		assertThat(transfers(second.json().get("results"))).containsExactly("FILE_API");
	}

	@Test
	void uploadsIdenticalImagesOfOneRequestOnce() {
		byte[] big = TestImages.pngOfSize(21 * MB, 7);
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("one.png", big, "image/png").image("two.png", big, "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(transfers(reply.json().get("results"))).containsExactly("FILE_API", "FILE_API");
		assertThat(stub.uploadCount()).isEqualTo(1);
	}

	private static List<String> transfers(JsonNode items) {
		return items.valueStream()
			.map((item) -> (item.has("image") ? item.get("image") : item).get("transfer").asString())
			.toList();
	}

}
