package com.example.visiongateway.auth;

import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Metrics on their own port, as the chart and docker compose run them (issue 13, item 7):
 * scraped there without a key, never on the API port without one, and naming no key
 * anywhere.
 */
@TestPropertySource(properties = { "vision.auth.enabled=true", "management.server.port=0" })
class ManagementPortIntegrationTests extends GatewayIntegrationTest {

	private static final String KEY = "vg-test-mallory-9f8e";

	@LocalManagementPort
	private int managementPort;

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes", () -> "mallory:" + ApiKeys.sha256Hex(KEY));
	}

	@Test
	void servesMetricsAndHealthOnTheManagementPortOnly() {
		this.gateway.get("/v1/files");
		assertThat(this.gateway.withHeader("X-API-Key", KEY).get("/v1/files").status()).isEqualTo(200);
		GatewayClient management = new GatewayClient(this.managementPort);

		Reply metrics = management.get("/actuator/prometheus");

		assertThat(metrics.status()).isEqualTo(200);
		assertThat(metrics.body()).contains("vision_auth_requests_total{outcome=\"accepted\"")
			.doesNotContain("mallory")
			.doesNotContain("key=\"");
		assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
		assertProblem(this.gateway.get("/actuator/prometheus"), 401, "UNAUTHENTICATED");
	}

}
