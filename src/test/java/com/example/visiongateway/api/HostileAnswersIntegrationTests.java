package com.example.visiongateway.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Collections;

import javax.imageio.ImageIO;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 3, as it was reproduced: segment on a 600000 x 166 image (inside the
 * pixel limit) with a model answer whose one mask is 1 x 4096. Resizing it onto the
 * whole-image box took an int product of 2.46 billion, a 500 with a
 * NegativeArraySizeException; now the answer's mask work is capped and the mask is
 * dropped with a warning.
 */
class HostileAnswersIntegrationTests extends GatewayIntegrationTest {

	private static final byte[] WIDE = TestImages.blankPng(600_000, 166, 1, 0, 1);

	@ParameterizedTest
	@ValueSource(strings = { "rle", "png", "polygon" })
	void answersAWideMaskOnAWideImageWithTheBoxAndAWarning(String maskFormat) throws IOException {
		stub.answerText("[" + wideItem() + "]");

		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("wide.png", WIDE, "image/png").field("maskFormat", maskFormat));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode result = reply.json().get("results").get(0);
		JsonNode detection = result.get("detections").get(0);
		assertThat(detection.get("bbox").toString()).isEqualTo("[0,0,600000,166]");
		assertThat(detection.has("mask") && !detection.get("mask").isNull()).isFalse();
		assertThat(result.get("warnings").toString()).contains("item 0: mask dropped");
	}

	@Test
	void answersAThousandWideMasksWithinTheCap() throws IOException {
		int count = 1000;
		stub.answerText("[" + String.join(",", Collections.nCopies(count, wideItem())) + "]");

		Reply reply = this.gateway.post("/v1/vision/segment", parts().image("wide.png", WIDE, "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode result = reply.json().get("results").get(0);
		assertThat(result.get("detections")).hasSize(count);
		assertThat(result.get("warnings")).hasSize(count);
	}

	private static String wideItem() throws IOException {
		BufferedImage tall = new BufferedImage(1, 4096, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < 2048; y++) {
			tall.getRaster().setSample(0, y, 0, 255);
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		ImageIO.write(tall, "png", png);
		String mask = "data:image/png;base64," + Base64.getEncoder().encodeToString(png.toByteArray());
		return "{\"box_2d\": [0, 0, 1000, 1000], \"label\": \"x\", \"mask\": \"" + mask + "\"}";
	}

}
