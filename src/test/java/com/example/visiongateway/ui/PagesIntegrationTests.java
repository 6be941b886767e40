package com.example.visiongateway.ui;

import java.util.List;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages for people over HTTP: the playground's hooks, the security headers, the
 * OpenAPI description's order and its server URL behind an ingress with a path prefix.
 */
class PagesIntegrationTests extends GatewayIntegrationTest {

	@Test
	void servesThePlaygroundWithTheContractsHooks() {
		Reply page = this.gateway.get("/");

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.contentType()).startsWith("text/html");
		assertThat(page.body())
			.contains("type=\"file\" id=\"images\" name=\"images\"", "name=\"task\"", "type=\"submit\"",
					"data-testid=\"result\"", "data-testid=\"error\"", "href=\"swagger-ui.html\"")
			.doesNotContain("<script>", "style=\"", "http://", "https://");
		for (String task : List.of("caption", "classify", "ask", "detect", "segment", "tokens")) {
			assertThat(page.body()).contains("<option value=\"" + task + "\">");
		}
	}

	@Test
	void hardensEveryResponseAndAllowsInlineStylesOnlyToSwaggerUi() {
		for (String path : List.of("/", "/playground.js", "/v1/files", "/no/such/page")) {
			Reply reply = this.gateway.get(path);
			assertThat(reply.headers().getFirst("Content-Security-Policy")).as(path)
				.contains("script-src 'self';", "style-src 'self';", "frame-ancestors 'none'")
				.doesNotContain("unsafe");
			assertThat(reply.headers().getFirst("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
			assertThat(reply.headers().getFirst("Referrer-Policy")).as(path).isEqualTo("no-referrer");
		}
		Reply swaggerUi = this.gateway.get("/swagger-ui/index.html");
		assertThat(swaggerUi.status()).isEqualTo(200);
		assertThat(swaggerUi.headers().getFirst("Content-Security-Policy")).contains("script-src 'self';",
				"style-src 'self' 'unsafe-inline';");
	}

	@Test
	void listsTheOperationsInTheOrderPeopleUseThem() {
		JsonNode paths = this.gateway.get("/v3/api-docs").json().get("paths");

		assertThat(paths.propertyNames()).doesNotContain("/error")
			.startsWith("/v1/vision/caption", "/v1/vision/classify", "/v1/vision/ask", "/v1/vision/detect",
					"/v1/vision/segment", "/v1/vision/tokens", "/v1/files", "/v1/files/{id}");
	}

	@Test
	void namesTheServerAsTheIngressShowsIt() {
		Reply docs = this.gateway.withHeader("X-Forwarded-Proto", "https")
			.withHeader("X-Forwarded-Host", "gateway.example")
			.withHeader("X-Forwarded-Prefix", "/vision")
			.get("/v3/api-docs");

		assertThat(docs.json().get("servers").get(0).get("url").asString()).isEqualTo("https://gateway.example/vision");
	}

}
