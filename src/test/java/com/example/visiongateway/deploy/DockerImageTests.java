package com.example.visiongateway.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.model.Capability;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds the image from the Dockerfile and runs it the way the chart does: read-only root
 * filesystem, a writable /tmp, no capabilities. Skipped where there is no Docker engine.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerImageTests {

	@Container
	private static final GenericContainer<?> gateway = new GenericContainer<>(
			new ImageFromDockerfile("vision-gateway-test", true)
				.withDockerfile(DockerfileSpec.DOCKERFILE.toAbsolutePath()))
		.withEnv("GEMINI_API_KEY", "dummy-key")
		.withEnv("GEMINI_BASE_URL", "http://127.0.0.1:9")
		.withExposedPorts(8080)
		.withTmpFs(Map.of("/tmp", "rw"))
		.withCreateContainerCmdModifier((create) -> create.getHostConfig()
			.withReadonlyRootfs(true)
			.withCapDrop(Capability.ALL)
			.withSecurityOpts(List.of("no-new-privileges")))
		// Building runs the Maven build inside Docker.
		.waitingFor(Wait.forHttp("/actuator/health/readiness")
			.forStatusCode(200)
			.withStartupTimeout(Duration.ofMinutes(3)));

	@Test
	void answersHealthUpWithADummyKey() throws Exception {
		URI health = URI.create("http://" + gateway.getHost() + ":" + gateway.getMappedPort(8080) + "/actuator/health");

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void runsAsTheUnprivilegedUser() throws Exception {
		ExecResult id = gateway.execInContainer("id", "-u");

		assertThat(id.getStdout().strip()).isEqualTo(DockerfileSpec.read().user().split(":")[0]);
	}

}
