package com.example.visiongateway.api;

import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
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
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The v1.1 task options over HTTP against the stub: maskFormat, tokens as sent and exact,
 * mediaResolution. A Gemini 2.5 entry is added as application.yaml's commented example
 * shows, for a model charged by tiles.
 */
@TestPropertySource(properties = "vision.gemini.models.[gemini-2.5-flash].mask-form=png-map")
class TaskOptionsIntegrationTests extends GatewayIntegrationTest {

	/**
	 * coffee.png is 600 x 400; the stub's mask (a disc) sits in its box [200, 150, 800,
	 * 850].
	 */
	private static final int WIDTH = 600;

	private static final int HEIGHT = 400;

	@Test
	void answersMasksAsPolygonsThatCoverTheRleMask() {
		JsonNode rle = segment("rle").get("mask");
		JsonNode polygon = segment("polygon");

		JsonNode mask = polygon.get("mask");
		assertThat(mask.get("format").asString()).isEqualTo("polygon");
		assertThat(mask.get("polygons")).hasSize(1);
		boolean[] expected = CocoRleDecoder.decode(rle.get("counts").asString(), HEIGHT, WIDTH);
		boolean[] filled = rasterise(mask.get("polygons"));
		long both = 0;
		long either = 0;
		long set = 0;
		for (int i = 0; i < expected.length; i++) {
			both += (expected[i] && filled[i]) ? 1 : 0;
			either += (expected[i] || filled[i]) ? 1 : 0;
			set += expected[i] ? 1 : 0;
		}
		assertThat((double) both / either).isGreaterThanOrEqualTo(0.98);
		assertThat(polygon.get("area").asLong()).isEqualTo(set);
		for (JsonNode coordinate : mask.get("polygons").get(0)) {
			assertThat(coordinate.isInt()).isTrue();
		}
	}

	@Test
	void answersMasksAsPngsOfTheBoxWithTheRlePixels() throws IOException {
		JsonNode rle = segment("rle").get("mask");
		JsonNode png = segment("png");

		JsonNode mask = png.get("mask");
		assertThat(mask.get("format").asString()).isEqualTo("png");
		assertThat(mask.get("bbox")).isEqualTo(png.get("bbox"));
		// Box [200, 150, 800, 850] of 600 x 400: x 90 to 510, y 80 to 320.
		assertThat(mask.get("bbox").toString()).isEqualTo("[90,80,510,320]");
		BufferedImage picture = ImageIO
			.read(new ByteArrayInputStream(Base64.getDecoder().decode(mask.get("data").asString())));
		assertThat(picture.getWidth()).isEqualTo(420);
		assertThat(picture.getHeight()).isEqualTo(240);
		boolean[] expected = CocoRleDecoder.decode(rle.get("counts").asString(), HEIGHT, WIDTH);
		long set = 0;
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				boolean inBox = x >= 90 && x < 510 && y >= 80 && y < 320;
				boolean white = inBox && (picture.getRGB(x - 90, y - 80) & 0xFFFFFF) == 0xFFFFFF;
				if (white != expected[y * WIDTH + x]) {
					assertThat(white).as("pixel %d, %d", x, y).isEqualTo(expected[y * WIDTH + x]);
				}
				set += white ? 1 : 0;
			}
		}
		assertThat(set).isPositive();
		assertThat(png.get("area").asLong()).isEqualTo(set);
	}

	@Test
	void refusesAnUnknownMaskFormatBeforeCallingGemini() {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("coffee.png", TestImages.fixture("coffee.png"), "image/png").field("maskFormat", "svg"));

		assertProblem(reply, 400, "BAD_REQUEST");
		assertThat(reply.json().get("part").asString()).isEqualTo("maskFormat");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void estimatesTheImageAsItWouldBeSent() {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-2.5-flash")
					.field("maxDimension", "384"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		// 451 x 300 would be 6 tiles; downscaled to 384 x 255 both sides fit one tile.
		JsonNode tokens = reply.json().get("results").get(0).get("tokens");
		assertThat(tokens.get("tiles").asInt()).isEqualTo(1);
		assertThat(tokens.get("estimated").asInt()).isEqualTo(258);
		assertThat(tokens.has("counted")).isFalse();
		assertThat(stub.countTokensRequests()).isEmpty();
	}

	@Test
	void countsTokensWithGeminiOnTheImageAsItWouldBeSent() throws IOException {
		Reply reply = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.image("coffee.png", TestImages.fixture("coffee.png"), "image/png")
					.field("model", "gemini-2.5-flash")
					.field("maxDimension", "384")
					.field("exact", "true"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		for (JsonNode result : reply.json().get("results")) {
			JsonNode tokens = result.get("tokens");
			assertThat(tokens.get("estimated").asInt()).isEqualTo(258);
			assertThat(tokens.get("tiles").asInt()).isEqualTo(1);
			// The stub counts 258 per image, and the request held nothing else.
			assertThat(tokens.get("counted").asInt()).isEqualTo(258);
		}
		assertThat(stub.countTokensRequests()).hasSize(2);
		assertThat(stub.generateContentRequests()).isEmpty();
		JsonNode sent = stub.countTokensRequests().get(0).get("contents").get(0).get("parts");
		assertThat(sent).hasSize(1);
		byte[] image = Base64.getDecoder().decode(sent.get(0).get("inlineData").get("data").asString());
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
		assertThat(Math.max(decoded.getWidth(), decoded.getHeight())).isEqualTo(384);
	}

	@Test
	void sendsTheMediaResolutionToModelsThatTakeIt() {
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.8-flash")
					.field("mediaResolution", "low"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		JsonNode sent = stub.generateContentRequests().get(0);
		assertThat(sent.get("generationConfig").get("mediaResolution").asString()).isEqualTo("MEDIA_RESOLUTION_LOW");

		Reply ask = this.gateway.post("/v1/vision/ask",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.8-flash")
					.field("mediaResolution", "MEDIUM")
					.field("question", "What is it?"));
		assertThat(ask.status()).as(ask.body()).isEqualTo(200);
		assertThat(stub.generateContentRequests().get(1).get("generationConfig").get("mediaResolution").asString())
			.isEqualTo("MEDIA_RESOLUTION_MEDIUM");
	}

	@Test
	void estimatesAtTheRequestedMediaResolution() {
		Reply low = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.8-flash")
					.field("mediaResolution", "low"));
		Reply configured = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.8-flash"));

		assertThat(low.json().get("results").get(0).get("tokens").get("estimated").asInt()).isEqualTo(280);
		assertThat(configured.json().get("results").get(0).get("tokens").get("estimated").asInt()).isEqualTo(1120);
	}

	@Test
	void refusesAMediaResolutionForModelsThatDoNotTakeOne() {
		Reply tiled = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-2.5-flash")
					.field("mediaResolution", "low"));
		Reply unknown = this.gateway.post("/v1/vision/caption",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-3.8-flash")
					.field("mediaResolution", "ultra"));
		Reply tokens = this.gateway.post("/v1/vision/tokens",
				parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("model", "gemini-2.5-flash")
					.field("mediaResolution", "high"));

		assertProblem(tiled, 400, "BAD_REQUEST");
		assertThat(tiled.json().get("detail").asString()).contains("gemini-2.5-flash", "media resolution");
		assertProblem(unknown, 400, "BAD_REQUEST");
		assertThat(unknown.json().get("part").asString()).isEqualTo("mediaResolution");
		assertProblem(tokens, 400, "BAD_REQUEST");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void refusesToDrawOnAStoredFileWithAReason() {
		Reply reply = this.gateway.post("/v1/vision/detect", parts().field("fileIds", "file-123"), MediaType.IMAGE_PNG);

		assertProblem(reply, 406, "NOT_ACCEPTABLE");
		assertThat(reply.json().get("detail").asString()).contains("fileIds", "keeps no copy");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	private JsonNode segment(String maskFormat) {
		Reply reply = this.gateway.post("/v1/vision/segment",
				parts().image("coffee.png", TestImages.fixture("coffee.png"), "image/png")
					.field("maskFormat", maskFormat));
		assertThat(reply.status()).as(reply.body()).isEqualTo(200);
		return reply.json().get("results").get(0).get("detections").get(0);
	}

	/** Pixels whose centre is inside any ring, as an SVG renderer fills them. */
	private static boolean[] rasterise(JsonNode polygons) {
		Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
		for (JsonNode ring : polygons) {
			path.moveTo(ring.get(0).asInt(), ring.get(1).asInt());
			for (int k = 2; k < ring.size(); k += 2) {
				path.lineTo(ring.get(k).asInt(), ring.get(k + 1).asInt());
			}
			path.closePath();
		}
		boolean[] pixels = new boolean[WIDTH * HEIGHT];
		for (int y = 0; y < HEIGHT; y++) {
			for (int x = 0; x < WIDTH; x++) {
				pixels[y * WIDTH + x] = path.contains(x + 0.5, y + 0.5);
			}
		}
		return pixels;
	}

}
