package com.example.visiongateway.ui;

import com.example.visiongateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code vision.ui.enabled=false} (the chart's default) switches the playground and
 * Swagger UI off together.
 */
@TestPropertySource(properties = "vision.ui.enabled=false")
class PagesOffIntegrationTests extends GatewayIntegrationTest {

	@Test
	void answersThePagesWithNotFound() {
		for (String page : new String[] { "/", "/index.html", "/playground.js", "/swagger-ui.html",
				"/swagger-ui/index.html" }) {
			assertProblem(this.gateway.get(page), 404, "NOT_FOUND");
		}
		assertThat(this.gateway.get("/v1/files").status()).isEqualTo(200);
	}

}
