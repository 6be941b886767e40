package com.example.visiongateway.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.state.StateProperties;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.standalone.CommandLineOptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker compose runs, checked without Docker: WireMock loading the stub's mapping
 * files from disk and its extension by class name (as the WireMock image's
 * {@code --extensions} does), and a compose file that wires the gateway to it key-less,
 * and, in the {@code redis} profile, two replicas to one Redis.
 */
class ComposeStubTests {

	private static final Path STUB_FILES = Path.of("src/test/resources/gemini-stub");

	@Test
	void servesTheStubFromItsMappingFilesAndExtensionClassName() throws Exception {
		String dockerfile = Files.readString(Path.of("docker/gemini-stub.Dockerfile"));
		String extension = dockerfile.replaceAll("(?s).*\"--extensions\", \"([^\"]+)\".*", "$1");
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1")
			.dynamicPort()
			.usingFilesUnderDirectory(STUB_FILES.toString())
			.extensions(extension));
		server.start();
		try {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create(server.baseUrl() + "/v1beta/models/gemini-3.8-flash:generateContent"))
					.header("x-goog-api-key", "stub-key")
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString("{\"contents\":[{\"parts\":[{\"text\":\"Hello\"}]}]}"))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("[stub]", "usageMetadata");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void passesTheWireMockImageOnlyOptionsItUnderstands() throws Exception {
		String dockerfile = Files.readString(Path.of("docker/gemini-stub.Dockerfile"));
		String cmd = dockerfile.replaceAll("(?s).*\nCMD \\[([^\\]]*)\\].*", "$1");
		String[] args = Arrays.stream(cmd.split(","))
			.map((arg) -> arg.strip().replaceAll("^\"|\"$", ""))
			.toArray(String[]::new);

		CommandLineOptions parsed;
		try {
			parsed = new CommandLineOptions(args);
		}
		catch (RuntimeException ex) {
			// jopt-simple's own messages need a resource bundle the shaded jar lacks:
			// report the failure plainly.
			throw new AssertionError(
					"WireMock refuses the options " + Arrays.toString(args) + ": " + ex.getClass().getSimpleName());
		}

		assertThat(parsed.requestJournalDisabled()).isTrue();
		assertThat(args).contains("com.example.visiongateway.stub.GeminiStubExtension");
	}

	@Test
	@SuppressWarnings("unchecked")
	void wiresTheGatewayToTheStubWithoutAKey() throws Exception {
		Map<String, Object> services = composeServices();
		Map<String, Object> gateway = (Map<String, Object>) services.get("vision-gateway");
		Map<String, Object> environment = (Map<String, Object>) gateway.get("environment");

		assertThat(services).containsKey("gemini-stub");
		assertThat(gateway).as("runs without a profile").doesNotContainKey("profiles");
		assertThat(environment).doesNotContainKey("VISION_STATE_STORE");
		assertThat(environment).containsEntry("GEMINI_BASE_URL", "http://gemini-stub:8080")
			.containsEntry("VISION_GEMINI_STUB", "true")
			.doesNotContainKey("GEMINI_API_KEY");
		assertThat((List<String>) gateway.get("tmpfs")).contains("/tmp");
		assertThat(Files.readString(Path.of("docker/gemini-stub.Dockerfile")))
			.contains("COPY src/test/resources/gemini-stub/mappings /home/wiremock/mappings");
	}

	@Test
	@SuppressWarnings("unchecked")
	void runsTwoReplicasOnOneRedisAndOneStubInTheRedisProfile() throws Exception {
		Map<String, Object> services = composeServices();
		Map<String, Object> redis = (Map<String, Object>) services.get("redis");

		assertThat((List<String>) redis.get("profiles")).containsExactly("redis");
		assertThat((List<String>) redis.get("command")).containsSubsequence("--save", "")
			.containsSubsequence("--appendonly", "no");
		assertThat((List<String>) ((Map<String, Object>) redis.get("healthcheck")).get("test")).contains("ping");
		List<String> published = new ArrayList<>(
				(List<String>) ((Map<String, Object>) services.get("vision-gateway")).get("ports"));
		for (String name : List.of("replica-1", "replica-2")) {
			Map<String, Object> replica = (Map<String, Object>) services.get(name);
			Map<String, Object> environment = (Map<String, Object>) replica.get("environment");
			Map<String, Object> dependsOn = (Map<String, Object>) replica.get("depends_on");

			assertThat((List<String>) replica.get("profiles")).as(name).containsExactly("redis");
			assertThat(environment).as(name)
				.containsEntry("GEMINI_BASE_URL", "http://gemini-stub:8080")
				.containsEntry("VISION_GEMINI_STUB", "true")
				.doesNotContainKey("GEMINI_API_KEY");
			assertThat(dependsOn).as(name).containsKeys("gemini-stub", "redis");
			assertThat((Map<String, Object>) dependsOn.get("redis")).containsEntry("condition", "service_healthy");
			assertThat(replica).containsEntry("read_only", true);
			assertThat((List<String>) replica.get("tmpfs")).contains("/tmp");
			PodEnvironment pod = new PodEnvironment(environment);
			assertThat(pod.store()).as(name).isEqualTo(StateProperties.Store.REDIS);
			pod.redis((connection) -> {
				assertThat(services).containsKey(connection.getStandalone().getHost());
				assertThat((List<String>) redis.get("expose"))
					.contains(String.valueOf(connection.getStandalone().getPort()));
			});
			published.addAll((List<String>) replica.get("ports"));
		}
		List<String> hostPorts = published.stream().map((port) -> port.substring(0, port.lastIndexOf(':'))).toList();
		assertThat(hostPorts).as("host ports of the three gateways").doesNotHaveDuplicates().hasSize(6);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> composeServices() throws IOException {
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		return (Map<String, Object>) compose.get("services");
	}

}
