package com.example.visiongateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image's promises that can be checked without a Docker engine;
 * {@link DockerImageTests} runs the image where one exists and {@link LayeredJarIT} runs
 * its layers on this machine's JVM.
 */
class DockerfileTests {

	private final DockerfileSpec dockerfile = DockerfileSpec.read();

	@Test
	void buildsOnJdk17AndRunsOnAJava25Jre() {
		assertThat(this.dockerfile.buildImage()).isEqualTo("eclipse-temurin:17-jdk");
		assertThat(this.dockerfile.runtimeImage()).isEqualTo("eclipse-temurin:25-jre");
	}

	@Test
	void runsAsTheNonRootUidTheChartExpects() throws IOException {
		Map<String, Object> values = new Yaml().load(Files.readString(RenderedChart.CHART.resolve("values.yaml")));
		Object chartUid = RenderedChart.value(values, "podSecurityContext.runAsUser");

		assertThat(this.dockerfile.user()).matches("[0-9]+(:[0-9]+)?");
		assertThat(Integer.parseInt(this.dockerfile.user().split(":")[0])).isNotZero().isEqualTo(chartUid);
	}

	@Test
	void copiesSpringBootLayersFromLeastToMostOftenChanged() {
		assertThat(this.dockerfile.layers()).containsExactly("dependencies", "spring-boot-loader",
				"snapshot-dependencies", "application");
		// Without --launcher: app.jar names its dependencies in lib/ on its manifest
		// class path, the layout an AOT
		// cache can record (classes loaded by Spring Boot's nested-jar launcher cannot be
		// cached).
		assertThat(this.dockerfile.extractCommand()).containsExactly("java", "-Djarmode=tools", "-jar", "app.jar",
				"extract", "--layers", "--destination", "extracted");
	}

	@Test
	void startsFromTheAotCacheItsTrainingRunMade() {
		assertThat(this.dockerfile.entrypoint()).containsExactly("java", "-XX:AOTCache=app.aot", "-jar", "app.jar");
		assertThat(this.dockerfile.runtimeRuns()).anySatisfy((run) -> assertThat(run)
			.contains("--mount=type=bind,from=build,source=/workspace/training,target=/training")
			.endsWith("aot-train.sh /app \"/training/*\""));
		assertThat(Path.of("scripts/aot-train.sh")).isExecutable();
	}

	@Test
	void sizesTheJvmForContainersAndUsesVirtualThreads() {
		assertThat(this.dockerfile.env().get("JAVA_TOOL_OPTIONS")).contains("-XX:MaxRAMPercentage=75",
				"-XX:+ExitOnOutOfMemoryError");
		assertThat(this.dockerfile.env()).containsEntry("SPRING_THREADS_VIRTUAL_ENABLED", "true")
			.doesNotContainKey("GEMINI_API_KEY");
	}

	@Test
	void writesOnlyToTmpAndServesOnPort8080() {
		assertThat(this.dockerfile.volumes()).containsExactly("/tmp");
		assertThat(this.dockerfile.exposedPorts()).containsExactly("8080");
	}

	@Test
	void keepsBuildOutputAndHistoryOutOfTheBuildContext() throws IOException {
		List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));

		assertThat(ignored).contains("target/", ".git/");
	}

	@Test
	void readsContinuedEnvLinesWithQuotedValues() {
		DockerfileSpec spec = DockerfileSpec.parse("""
				FROM a AS build
				ENV IGNORED=1
				FROM b
				# comment
				ENV ONE="x y" \\
					TWO=plain
				COPY --from=build /w/extracted/dependencies/ ./
				""");

		assertThat(spec.buildImage()).isEqualTo("a");
		assertThat(spec.runtimeImage()).isEqualTo("b");
		assertThat(spec.env()).containsOnly(Map.entry("ONE", "x y"), Map.entry("TWO", "plain"));
		assertThat(spec.layers()).containsExactly("dependencies");
	}

}
