package com.example.visiongateway.fetch;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.http.MediaType;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code imageUrls} through the HTTP API, with the loopback test origin allow-listed. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "vision.fetch.allowed-hosts=127.0.0.1", "vision.fetch.timeout=2s" })
class ImageUrlsIntegrationTests extends GatewayIntegrationTest {

	private final TestOrigin origin = TestOrigin.http();

	@AfterEach
	void stop() {
		this.origin.close();
	}

	@Test
	void fetchesAnImageAndKeepsContractOrder(CapturedOutput output) {
		String url = this.origin.url("127.0.0.1", "/chelsea.png") + "?X-Amz-Signature=secret";
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("coffee.webp", TestImages.fixture("coffee.webp"), "image/webp").field("imageUrls", url));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode results = reply.json().get("results");
		assertThat(results.get(0).get("image").has("url")).isFalse();
		JsonNode fetched = results.get(1).get("image");
		assertThat(fetched.get("index").asInt()).isEqualTo(1);
		assertThat(fetched.get("url").asString()).isEqualTo(this.origin.url("127.0.0.1", "/chelsea.png"));
		assertThat(fetched.get("mimeType").asString()).isEqualTo("image/png");
		assertThat(fetched.get("width").asInt()).isEqualTo(451);
		assertThat(reply.body()).doesNotContain("secret");
		assertThat(stub.generateContentRequests()).hasSize(2);
		assertThat(output.getAll()).doesNotContain("X-Amz-Signature");
	}

	@Test
	void drawsOnAFetchedImageInItsOwnPixelsWhenASmallerCopyWasSent() throws IOException {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().field("imageUrls", this.origin.url("127.0.0.1", "/chelsea.png")).field("maxDimension", "200"),
				MediaType.IMAGE_PNG);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.contentType()).isEqualTo("image/png");
		BufferedImage picture = ImageIO.read(new ByteArrayInputStream(reply.bytes()));
		assertThat(picture.getWidth()).isEqualTo(451);
		assertThat(picture.getHeight()).isEqualTo(300);
		BufferedImage original = ImageIO.read(new ByteArrayInputStream(TestImages.fixture("chelsea.png")));
		// The stub's box [200, 150, 800, 850] is x 67 to 383, y 60 to 240: drawn on
		// inside, untouched outside.
		assertThat(picture.getRGB(225, 150)).isNotEqualTo(original.getRGB(225, 150));
		assertThat(picture.getRGB(5, 5)).isEqualTo(original.getRGB(5, 5));
		assertThat(stub.generateContentRequests()).hasSize(1);
	}

	@Test
	void followsUpToThreeRedirectsAndRefusesTheFourth() {
		Reply three = this.gateway.post("/v1/vision/tokens",
				parts().field("imageUrls", this.origin.url("127.0.0.1", "/hops/3")));
		Reply four = this.gateway.post("/v1/vision/tokens",
				parts().field("imageUrls", this.origin.url("127.0.0.1", "/hops/4")));

		assertThat(three.status()).as(three.body()).isEqualTo(200);
		assertThat(four.status()).isEqualTo(422);
		assertThat(four.json().get("code").asString()).isEqualTo("URL_FETCH_FAILED");
		assertThat(four.json().get("imageIndex").asInt()).isZero();
	}

	@Test
	void answersFetchFailuresWithTheHostAndTheReason(CapturedOutput output) {
		Reply missing = this.gateway.post("/v1/vision/caption",
				parts().field("imageUrls", this.origin.url("127.0.0.1", "/missing") + "?X-Amz-Credential=AKIA-secret"));
		long start = System.nanoTime();
		Reply slow = this.gateway.post("/v1/vision/caption",
				parts().field("imageUrls", this.origin.url("127.0.0.1", "/slow")));
		long millis = (System.nanoTime() - start) / 1_000_000;

		assertThat(missing.status()).isEqualTo(422);
		assertThat(missing.json().get("code").asString()).isEqualTo("URL_FETCH_FAILED");
		assertThat(missing.json().get("detail").asString()).contains("127.0.0.1", "404");
		assertThat(slow.status()).isEqualTo(422);
		assertThat(millis).isLessThan(6000);
		assertThat(stub.generateContentRequests()).isEmpty();
		// Pre-signed URLs carry credentials in their query: never in an answer or a log
		// line.
		assertThat(missing.body()).doesNotContain("AKIA-secret");
		assertThat(output.getAll()).doesNotContain("AKIA-secret");
	}

	@Test
	void decidesTheTypeFromTheFetchedBytes() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().field("imageUrls", this.origin.url("127.0.0.1", "/unsupported.gif")));

		assertThat(reply.status()).isEqualTo(415);
		assertThat(reply.json().get("detectedMimeType").asString()).isEqualTo("image/gif");
	}

}
