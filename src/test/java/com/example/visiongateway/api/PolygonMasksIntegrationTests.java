package com.example.visiongateway.api;

import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import com.example.visiongateway.support.CocoRleDecoder;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Segmentation on Gemini 3.x models, whose masks are polygons: in the image frame (the
 * default model) and the box frame (a model configured so), wrapped as {@code {"boxes":
 * [...]}} or bare, become the same RLE, PNG and polygon masks as PNG maps do. The
 * reference raster is {@link Path2D#contains} at pixel centres.
 */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "vision.gemini.models.[gemini-3.6-flash].mask-frame=box",
		"vision.gemini.models.[gemini-3.6-flash].token-scheme=media-resolution" })
class PolygonMasksIntegrationTests extends GatewayIntegrationTest {

	/** chelsea.png */
	private static final int WIDTH = 451;

	private static final int HEIGHT = 300;

	/** x 25–75 %, y 10–90 %: pixels x 112–338, y 30–270. */
	private static final String BOX = "[100, 250, 900, 750]";

	@Test
	void readsAWrappedImageFramePolygonIntoRlePngAndPolygonMasks() throws IOException {
		String answer = "{\"boxes\": [{\"box_2d\": " + BOX
				+ ", \"mask\": [[500, 100], [750, 500], [500, 900], [250, 500]], \"label\": \"diamond\"}]}";
		Path2D.Double reference = path(new double[] { 500, 100, 750, 500, 500, 900, 250, 500 }, 0, 0, WIDTH, HEIGHT);

		JsonNode rle = segment(answer, "gemini-3.8-flash", "rle");
		JsonNode png = segment(answer, "gemini-3.8-flash", "png");
		JsonNode polygon = segment(answer, "gemini-3.8-flash", "polygon");

		assertThat(rle.get("bbox").toString()).isEqualTo("[112,30,338,270]");
		boolean[] bits = CocoRleDecoder.decode(rle.get("mask").get("counts").asString(), HEIGHT, WIDTH);
		long set = assertMatches(bits, reference, 112, 30, 338, 270);
		assertThat(set).isGreaterThan(20_000);
		assertThat(rle.get("area").asLong()).isEqualTo(set);
		assertPngMatches(png, bits);
		assertThat(polygon.get("mask").get("polygons")).hasSize(1);
		assertThat(polygon.get("area").asLong()).isEqualTo(set);
	}

	@Test
	void readsABareBoxFramePolygonWithSeveralRings() throws IOException {
		// Box frame: 0 and 1000 are the box's edges. An outer square with a square hole.
		String answer = "[{\"box_2d\": " + BOX + ", \"label\": \"frame\", \"mask\": [[[0, 0], [1000, 0], [1000, 1000], "
				+ "[0, 1000]], [[250, 250], [750, 250], [750, 750], [250, 750]]]}]";
		Path2D.Double reference = path(new double[] { 0, 0, 1000, 0, 1000, 1000, 0, 1000 }, 112, 30, 226, 240);
		reference.append(path(new double[] { 250, 250, 750, 250, 750, 750, 250, 750 }, 112, 30, 226, 240), false);

		JsonNode rle = segment(answer, "gemini-3.6-flash", "rle");
		JsonNode png = segment(answer, "gemini-3.6-flash", "png");
		JsonNode polygon = segment(answer, "gemini-3.6-flash", "polygon");

		boolean[] bits = CocoRleDecoder.decode(rle.get("mask").get("counts").asString(), HEIGHT, WIDTH);
		long set = assertMatches(bits, reference, 112, 30, 338, 270);
		assertThat(set).isEqualTo(226L * 240 - 113L * 120);
		assertThat(bits[150 * WIDTH + 225]).as("the hole").isFalse();
		assertPngMatches(png, bits);
		// The outer contour is the box itself (holes are left out of polygon masks)
		JsonNode ring = polygon.get("mask").get("polygons").get(0);
		assertThat(polygon.get("mask").get("polygons")).hasSize(1);
		assertThat(ring).hasSize(8);
		List<Integer> xs = new ArrayList<>();
		List<Integer> ys = new ArrayList<>();
		for (int i = 0; i < ring.size(); i += 2) {
			xs.add(ring.get(i).asInt());
			ys.add(ring.get(i + 1).asInt());
		}
		assertThat(xs).containsOnly(112, 338);
		assertThat(ys).containsOnly(30, 270);
		assertThat(polygon.get("area").asLong()).isEqualTo(set);
	}

	@Test
	void clampsOutOfRangePointsWithAWarningAndFillsASelfIntersectingRingEvenOdd(CapturedOutput output) {
		// A bow tie crossing itself at the box centre, one point beyond the image.
		String answer = "[{\"box_2d\": " + BOX + ", \"label\": \"bow tie\", \"mask\": [[250, 100], [750, 900], "
				+ "[750, 100], [250, 1200]]}]";
		Path2D.Double reference = path(new double[] { 250, 100, 750, 900, 750, 100, 250, 1000 }, 0, 0, WIDTH, HEIGHT);

		stub.answerText(answer);
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		JsonNode result = reply.json().get("results").get(0);
		assertThat(result.get("warnings").toString()).contains("item 0: clamped 1 polygon points into [0, 1000]");
		assertThat(output.getAll()).containsPattern("WARN.*Clamped 1 polygon mask points of one answer");
		JsonNode detection = result.get("detections").get(0);
		boolean[] bits = CocoRleDecoder.decode(detection.get("mask").get("counts").asString(), HEIGHT, WIDTH);
		assertMatches(bits, reference, 112, 30, 338, 270);
	}

	@Test
	void asksThreeXModelsForPolygonsWithTheGuidesSchemaAndReadsTheStubsOwnAnswer() {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode detection = reply.json().get("results").get(0).get("detections").get(0);
		assertThat(detection.get("area").asLong()).isPositive();
		JsonNode sent = stub.generateContentRequests().get(0);
		assertThat(sent.get("generationConfig").get("responseJsonSchema").get("properties").has("boxes")).isTrue();
		assertThat(sent.get("contents").get(0).get("parts").get(1).get("text").asString())
			.contains("polygon of [x, y] coordinates normalized to 0-1000 over the whole image");
	}

	private JsonNode segment(String answer, String model, String maskFormat) {
		stub.answerText(answer);
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", model)
					.field("maskFormat", maskFormat));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		assertThat(reply.json().get("results").get(0).get("warnings")).isEmpty();
		return reply.json().get("results").get(0).get("detections").get(0);
	}

	/** Every pixel agrees with the reference inside the box and is clear outside it. */
	private static long assertMatches(boolean[] bits, Path2D.Double reference, int x1, int y1, int x2, int y2) {
		long set = 0;
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				boolean inBox = x >= x1 && x < x2 && y >= y1 && y < y2;
				boolean expected = inBox && reference.contains(x + 0.5, y + 0.5);
				if (bits[y * WIDTH + x] != expected) {
					assertThat(bits[y * WIDTH + x]).as("pixel %d, %d", x, y).isEqualTo(expected);
				}
				set += expected ? 1 : 0;
			}
		}
		return set;
	}

	private static void assertPngMatches(JsonNode png, boolean[] bits) throws IOException {
		JsonNode mask = png.get("mask");
		assertThat(mask.get("bbox").toString()).isEqualTo("[112,30,338,270]");
		BufferedImage picture = ImageIO
			.read(new ByteArrayInputStream(Base64.getDecoder().decode(mask.get("data").asString())));
		for (int y = 0; y < picture.getHeight(); y++) {
			for (int x = 0; x < picture.getWidth(); x++) {
				boolean white = (picture.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
				if (white != bits[(y + 30) * WIDTH + x + 112]) {
					assertThat(white).as("pixel %d, %d", x, y).isEqualTo(bits[(y + 30) * WIDTH + x + 112]);
				}
			}
		}
	}

	/** A ring of 0–1000 points mapped onto a frame at its origin and size. */
	private static Path2D.Double path(double[] ring, double originX, double originY, double width, double height) {
		Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
		path.moveTo(originX + ring[0] * width / 1000, originY + ring[1] * height / 1000);
		for (int i = 2; i < ring.length; i += 2) {
			path.lineTo(originX + ring[i] * width / 1000, originY + ring[i + 1] * height / 1000);
		}
		path.closePath();
		return path;
	}

}
