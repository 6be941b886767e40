package com.example.visiongateway.api;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decode budget too small for a 4000 x 3000 photo (36 MB decoded): what could never be
 * decoded is refused or sent as it is, never a 500 or an OutOfMemoryError.
 */
@TestPropertySource(properties = "vision.budget.decode=8MB")
class DecodeBudgetIntegrationTests extends GatewayIntegrationTest {

	private static final byte[] PHOTO = TestImages.fixture("coffee-4000x3000.jpg");

	@Test
	void refusesAPictureWhoseDecodingCouldNeverFitBeforeCallingGemini() {
		Reply reply = this.gateway.post("/v1/vision/detect", parts().image("coffee.jpg", PHOTO, "image/jpeg"),
				MediaType.IMAGE_PNG);

		assertProblem(reply, 406, "NOT_ACCEPTABLE");
		assertThat(reply.json().get("limit").asLong()).isEqualTo(8L * 1024 * 1024);
		// the raster at 3 bytes a pixel and the RGB canvas at 4
		assertThat(reply.json().get("actual").asLong()).isEqualTo(12_000_000L * 7);
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void sendsAnImageTooLargeToDecodeAtFullSizeWithAWarning() {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("coffee.jpg", PHOTO, "image/jpeg").field("maxDimension", "1024"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().at("/results/0/warnings").toString()).contains("too large", "full size");
	}

	@Test
	void shrinksFromEveryNthPixelWhatFitsOnlySubsampled() {
		// every 15th pixel of the photo is 267 x 200, well within 8 MB: shrunk, so no
		// warning that it went at full size
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("coffee.jpg", PHOTO, "image/jpeg").field("maxDimension", "64"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().at("/results/0/warnings").size()).as(reply.body()).isZero();
	}

}
