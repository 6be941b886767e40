package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI description Swagger UI renders: multipart parts with file pickers, and
 * every problem documented.
 */
class OpenApiIntegrationTests extends GatewayIntegrationTest {

	private static final String[] VISION = { "caption", "classify", "ask", "detect", "segment", "tokens" };

	@Test
	void describesEveryVisionPartAsAMultipartField() {
		JsonNode paths = this.gateway.get("/v3/api-docs").json().get("paths");

		for (String task : VISION) {
			JsonNode operation = paths.get("/v1/vision/" + task).get("post");
			assertThat(operation.has("parameters")).as(task).isFalse();
			JsonNode form = operation.get("requestBody").get("content").get("multipart/form-data").get("schema");
			JsonNode parts = form.get("properties");
			assertThat(parts.get("images").get("items").get("format").asString()).isEqualTo("binary");
			assertThat(parts.get("model").get("enum").toString())
				.contains("gemini-3.8-flash", "gemini-3.5-flash-lite", "gemini-3.1-pro-preview")
				.doesNotContain("gemini-2.5");
			assertThat(parts.get("model").get("default").asString()).isEqualTo("gemini-3.8-flash");
			assertThat(parts.get("fileIds").get("default").size()).isZero();
			assertThat(parts.has("imageUrls") && parts.has("systemInstruction") && parts.has("maxDimension")).as(task)
				.isTrue();
			assertThat(parts.get("maxDimension").get("default").asString()).isEmpty();
		}
		assertThat(paths.get("/v1/vision/classify")
			.get("post")
			.get("requestBody")
			.get("content")
			.get("multipart/form-data")
			.get("schema")
			.get("required")
			.toString()).contains("labels");
		assertThat(paths.get("/v1/vision/segment")
			.get("post")
			.get("requestBody")
			.get("content")
			.get("multipart/form-data")
			.get("schema")
			.get("properties")
			.has("threshold")).isTrue();
	}

	@Test
	void documentsTheContractsProblemsAndThePictureAnswers() {
		JsonNode apiDocs = this.gateway.get("/v3/api-docs").json();
		JsonNode paths = apiDocs.get("paths");

		assertThat(apiDocs.get("info").get("description").asString()).contains("docs/api.md", "X-Cache",
				"Cache-Control: no-cache");

		JsonNode caption = paths.get("/v1/vision/caption").get("post").get("responses");
		for (String status : new String[] { "400", "408", "413", "415", "422", "429", "502", "503", "504" }) {
			assertThat(caption.get(status).get("content").has("application/problem+json")).as(status).isTrue();
		}
		assertThat(caption.get("422")
			.get("content")
			.get("application/problem+json")
			.get("examples")
			.has("TOO_MANY_IMAGES")).isTrue();
		assertThat(caption.get("503").get("content").get("application/problem+json").get("examples").has("OVERLOADED"))
			.isTrue();
		assertThat(caption.get("503")
			.get("content")
			.get("application/problem+json")
			.get("examples")
			.has("MODEL_UNAVAILABLE")).isTrue();
		for (String spatial : List.of("detect", "segment")) {
			JsonNode ok = paths.get("/v1/vision/" + spatial).get("post").get("responses").get("200").get("content");
			assertThat(ok.has("image/png") && ok.has("image/jpeg") && ok.has("application/json")).as(spatial).isTrue();
			assertThat(ok.get("application/json").get("schema").get("$ref").asString())
				.isEqualTo("#/components/schemas/VisionResponse");
		}
		assertThat(paths.get("/v1/files")
			.get("post")
			.get("requestBody")
			.get("content")
			.get("multipart/form-data")
			.get("schema")
			.get("properties")
			.get("file")
			.get("format")
			.asString()).isEqualTo("binary");
		assertThat(this.gateway.get("/swagger-ui.html").status()).isIn(200, 302);
	}

	@Test
	void describesTheTaskOptionsWithExamples() {
		JsonNode api = this.gateway.get("/v3/api-docs").json();
		JsonNode paths = api.get("paths");

		JsonNode segment = form(paths, "segment");
		assertThat(segment.get("maskFormat").get("enum").toString()).isEqualTo("[\"rle\",\"png\",\"polygon\"]");
		assertThat(segment.get("maskFormat").get("example").asString()).isEqualTo("polygon");
		JsonNode tokens = form(paths, "tokens");
		assertThat(tokens.get("exact").get("type").asString()).isEqualTo("boolean");
		assertThat(tokens.get("exact").get("example").asBoolean()).isTrue();
		for (String task : VISION) {
			JsonNode resolution = form(paths, task).get("mediaResolution");
			assertThat(resolution.get("enum").toString()).as(task).isEqualTo("[\"low\",\"medium\",\"high\"]");
			// No example: Swagger UI would send it on every try, refused by models
			// without it
			assertThat(resolution.has("example")).as(task).isFalse();
			assertThat(resolution.get("default").asString()).as(task).isEmpty();
		}
		JsonNode schemas = api.get("components").get("schemas");
		assertThat(schemas.get("Detection").get("properties").get("mask").get("$ref").asString())
			.endsWith("/DetectionMask");
		assertThat(schemas.get("DetectionMask").get("oneOf").toString()).contains("CocoRle", "PngMask",
				"PolygonOutline");
		assertThat(schemas.get("PolygonOutline").toString()).contains("\"example\":[[10,20,40,20,40,60,10,60]]");
		assertThat(schemas.get("TokenEstimate").get("properties").has("counted")).isTrue();
	}

	private static JsonNode form(JsonNode paths, String task) {
		return paths.get("/v1/vision/" + task)
			.get("post")
			.get("requestBody")
			.get("content")
			.get("multipart/form-data")
			.get("schema")
			.get("properties");
	}

}
