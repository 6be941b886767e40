package com.example.visiongateway.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.ProblemAssertions;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

class DownscaleIntegrationTests extends GatewayIntegrationTest {

	@Test
	void sendsASmallerCopyAndAnswersInTheOriginalPixels() throws IOException {
		stub.answerText("[{\"box_2d\": [250, 100, 750, 900], \"label\": \"cup\"}]");
		byte[] original = TestImages.fixture("coffee-4000x3000.jpg");

		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("coffee.jpg", original, "image/jpeg").field("maxDimension", "1024"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode result = reply.json().get("results").get(0);
		assertThat(result.get("image").get("width").asInt()).isEqualTo(4000);
		assertThat(result.get("detections").get(0).get("bbox").toString()).isEqualTo("[400,750,3600,2250]");
		BufferedImage sent = sentImage();
		assertThat(sent.getWidth()).isEqualTo(1024);
		assertThat(sent.getHeight()).isEqualTo(768);
	}

	@Test
	void keepsTheUprightGeometryOfRotatedPhotos() throws IOException {
		stub.answerText("[{\"box_2d\": [0, 0, 1000, 500], \"label\": \"rocket\"}]");

		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("r.jpg", TestImages.fixture("rocket-orientation6.jpg"), "image/jpeg")
					.field("maxDimension", "320"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("results").get(0).get("detections").get(0).get("bbox").toString())
			.isEqualTo("[0,0,213,640]");
		BufferedImage sent = sentImage();
		assertThat(sent.getHeight()).isEqualTo(320);
		assertThat(sent.getWidth()).isLessThan(sent.getHeight());
	}

	@Test
	void sendsHeicUnchangedWithAWarning() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("c.heic", TestImages.fixture("chelsea.heic"), "image/heic").field("maxDimension", "100"));

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("results").get(0).get("warnings").toString()).contains("full size");
	}

	@Test
	void refusesANonsenseMaxDimension() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("maxDimension", "0"));

		ProblemAssertions.assertProblem(reply, 400, "BAD_REQUEST");
	}

	private static BufferedImage sentImage() throws IOException {
		JsonNode part = stub.generateContentRequests().get(0).get("contents").get(0).get("parts").get(0);
		byte[] bytes = Base64.getDecoder().decode(part.get("inlineData").get("data").asString());
		return ImageIO.read(new ByteArrayInputStream(bytes));
	}

}
