package com.example.visiongateway.api;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;

import javax.imageio.ImageIO;

import com.example.visiongateway.support.CocoRleDecoder;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;

import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

class SpatialIntegrationTests extends GatewayIntegrationTest {

	@Test
	void turnsAFencedDetectionAnswerIntoPixelBoxes() {
		stub.answerText("""
				Here are the objects:
				```json
				[{"box_2d": [120, 80, 940, 610], "label": "cat"}, {"box_2d": [0, 0, 290, 1000], "label": "wall"}]
				```""");

		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("objects", "cat, wall"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode result = reply.json().get("results").get(0);
		JsonNode cat = result.get("detections").get(0);
		assertThat(cat.get("label").asString()).isEqualTo("cat");
		assertThat(cat.get("box2d").toString()).isEqualTo("[120,80,940,610]");
		// The contract's example on 451 x 300: floor(80 * 451 / 1000) = 36 … floor(610 *
		// 451 / 1000) = 275.
		assertThat(cat.get("bbox").toString()).isEqualTo("[36,36,275,282]");
		assertThat(cat.has("mask")).isFalse();
		assertThat(cat.has("area")).isFalse();
		// 290 of 300 px is 87, exactly.
		assertThat(result.get("detections").get(1).get("bbox").toString()).isEqualTo("[0,0,451,87]");
		assertThat(result.get("warnings").toString()).containsIgnoringCase("fence");
		JsonNode sent = stub.generateContentRequests().get(0);
		assertThat(sent.get("generationConfig").get("responseMimeType").asString()).isEqualTo("application/json");
		assertThat(sent.get("generationConfig").get("thinkingConfig").toString())
			.isEqualTo("{\"thinkingLevel\":\"low\"}");
		assertThat(sent.get("contents").get(0).get("parts").get(1).get("text").asString()).contains("cat, wall",
				"box_2d");
	}

	@Test
	void reportsBoxesInTheUprightGeometry() {
		stub.answerText("[{\"box_2d\": [0, 0, 1000, 500], \"label\": \"rocket\"}]");

		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("r.jpg", TestImages.fixture("rocket-orientation6.jpg"), "image/jpeg"));

		// Upright the photo is 427 x 640: the left half is [0, 0, 213, 640].
		assertThat(reply.json().get("results").get(0).get("detections").get(0).get("bbox").toString())
			.isEqualTo("[0,0,213,640]");
	}

	@Test
	void returnsTwoMasksAsCocoRleWhoseAreasMatch() throws IOException {
		String full = maskPng(16, 16, false);
		String half = maskPng(16, 16, true);
		stub.answerText(
				"[{\"box_2d\": [100, 100, 500, 500], \"label\": \"cat's head\", \"mask\": \"data:image/png;base64,"
						+ full + "\"}, {\"box_2d\": [500, 500, 900, 900], \"label\": \"paw\", \"mask\": \"" + half
						+ "\"}]");

		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode detections = reply.json().get("results").get(0).get("detections");
		assertThat(detections).hasSize(2);
		for (JsonNode detection : detections) {
			JsonNode mask = detection.get("mask");
			assertThat(mask.get("size").toString()).isEqualTo("[300,451]");
			boolean[] bits = CocoRleDecoder.decode(mask.get("counts").asString(), 300, 451);
			long set = 0;
			for (boolean bit : bits) {
				set += bit ? 1 : 0;
			}
			assertThat(detection.get("area").asLong()).isEqualTo(set);
		}
		// A full mask covers its whole box: [45, 30, 225, 150] is 180 x 120 pixels.
		assertThat(detections.get(0).get("bbox").toString()).isEqualTo("[45,30,225,150]");
		assertThat(detections.get(0).get("area").asLong()).isEqualTo(180 * 120);
		assertThat(detections.get(1).get("area").asLong()).isBetween(180L * 120 / 2 - 180, 180L * 120 / 2 + 180);
		assertThat(
				stub.generateContentRequests().get(0).get("contents").get(0).get("parts").get(1).get("text").asString())
			.contains("segmentation masks");
	}

	@Test
	void keepsTheBoxWhenAMaskIsASegToken() {
		stub.answerText("[{\"box_2d\": [100, 100, 500, 500], \"label\": \"cat\", \"mask\": \"<seg_3>\"}]");

		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		JsonNode result = reply.json().get("results").get(0);
		assertThat(result.get("detections").get(0).get("bbox").toString()).isEqualTo("[45,30,225,150]");
		assertThat(result.get("detections").get(0).has("mask")).isFalse();
		assertThat(result.get("warnings")).isNotEmpty();
	}

	@Test
	void answersAnUnusableAnswerWithUpstreamErrorAndTheRawText() {
		stub.answerText("I cannot see any objects, sorry.");

		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertProblem(reply, 502, "UPSTREAM_ERROR");
		assertThat(reply.json().get("rawAnswer").asString()).isEqualTo("I cannot see any objects, sorry.");
	}

	@Test
	void drawsTheDetectionsOnThePicture() throws IOException {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("coffee.png", TestImages.fixture("coffee.png"), "image/png"), MediaType.IMAGE_PNG);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.contentType()).isEqualTo("image/png");
		BufferedImage picture = ImageIO.read(new ByteArrayInputStream(reply.bytes()));
		assertThat(picture.getWidth()).isEqualTo(600);
		assertThat(picture.getHeight()).isEqualTo(400);
		BufferedImage original = ImageIO.read(new ByteArrayInputStream(TestImages.fixture("coffee.png")));
		// The stub's box is [200, 150, 800, 850]: its pixels changed, a corner outside it
		// did not.
		assertThat(picture.getRGB(300, 200)).isNotEqualTo(original.getRGB(300, 200));
		assertThat(picture.getRGB(5, 5)).isEqualTo(original.getRGB(5, 5));
	}

	@Test
	void drawsUprightJpegPictures() throws IOException {
		Reply reply = this.gateway.post("/v1/vision/detect",
				parts().image("r.jpg", TestImages.fixture("rocket-orientation6.jpg"), "image/jpeg"),
				MediaType.IMAGE_JPEG);

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.contentType()).isEqualTo("image/jpeg");
		BufferedImage picture = ImageIO.read(new ByteArrayInputStream(reply.bytes()));
		assertThat(picture.getWidth()).isEqualTo(427);
		assertThat(picture.getHeight()).isEqualTo(640);
	}

	@Test
	void refusesPicturesItCannotDrawBeforeCallingGemini() {
		Reply heic = this.gateway.post("/v1/vision/detect",
				parts().image("c.heic", TestImages.fixture("chelsea.heic"), "image/heic"), MediaType.IMAGE_PNG);
		assertProblem(heic, 406, "NOT_ACCEPTABLE");
		assertThat(heic.json().get("detail").asString()).contains("image/heic");

		Reply two = this.gateway.post("/v1/vision/detect",
				parts().image("a.png", TestImages.fixture("chelsea.png"), "image/png")
					.image("b.png", TestImages.fixture("coffee.png"), "image/png"),
				MediaType.IMAGE_PNG);
		assertProblem(two, 406, "NOT_ACCEPTABLE");
		assertThat(stub.generateContentRequests()).isEmpty();

		Reply heicJson = this.gateway.post("/v1/vision/detect",
				parts().image("c.heic", TestImages.fixture("chelsea.heic"), "image/heic"));
		assertThat(heicJson.status()).isEqualTo(200);
	}

	@Test
	void refusesSegmentationOnAModelWithoutMasks() {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.1-pro-preview"));

		assertProblem(reply, 400, "BAD_REQUEST");
		assertThat(reply.json().get("detail").asString()).contains("gemini-3.1-pro-preview", "masks");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void refusesAThresholdOutOfRange() {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png").field("threshold", "255"));

		assertProblem(reply, 400, "BAD_REQUEST");
	}

	/** An 8-bit gray PNG: all 255, or 255 on the left half and 0 on the right. */
	private static String maskPng(int width, int height, boolean leftHalfOnly) throws IOException {
		BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				mask.getRaster().setSample(x, y, 0, (!leftHalfOnly || x < width / 2) ? 255 : 0);
			}
		}
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(mask, "png", out);
		return Base64.getEncoder().encodeToString(out.toByteArray());
	}

}
