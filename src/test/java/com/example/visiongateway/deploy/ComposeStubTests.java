package com.example.visiongateway.deploy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.standalone.CommandLineOptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What docker compose runs, checked without Docker: WireMock loading the stub's mapping
 * files from disk and its extension by class name (as the WireMock image's
 * {@code --extensions} does), and a compose file that wires the gateway to it key-less.
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
		Map<String, Object> compose = new Yaml().load(Files.readString(Path.of("docker-compose.yml")));
		Map<String, Object> services = (Map<String, Object>) compose.get("services");
		Map<String, Object> gateway = (Map<String, Object>) services.get("vision-gateway");
		Map<String, Object> environment = (Map<String, Object>) gateway.get("environment");

		assertThat(services).containsKey("gemini-stub");
		assertThat(environment).containsEntry("GEMINI_BASE_URL", "http://gemini-stub:8080")
			.containsEntry("VISION_GEMINI_STUB", "true")
			.doesNotContainKey("GEMINI_API_KEY");
		assertThat((List<String>) gateway.get("tmpfs")).contains("/tmp");
		assertThat(Files.readString(Path.of("docker/gemini-stub.Dockerfile")))
			.contains("COPY src/test/resources/gemini-stub/mappings /home/wiremock/mappings");
	}

}
