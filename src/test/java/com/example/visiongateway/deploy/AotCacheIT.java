package com.example.visiongateway.deploy;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.example.visiongateway.aot.TrainingTraffic;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The image's AOT cache, made and used as the Dockerfile makes and uses it:
 * {@code scripts/aot-train.sh} runs the extracted app against the built-in stub with the
 * training traffic, then the image's ENTRYPOINT starts from the cache it wrote. Java 25
 * only (the image's JRE; Java 17 has no AOT cache). {@link LayeredJarIT} starts the same
 * layout without a cache.
 */
class AotCacheIT {

	private static final Pattern STARTED = Pattern.compile("Started VisionGatewayApplication in ([0-9.]+) seconds");

	@Test
	void startsFromTheCacheTheTrainingRunWrites(@TempDir Path work) throws Exception {
		assumeTrue(Files.isExecutable(ExtractedApp.JAVA_25),
				"no Temurin 25 at " + ExtractedApp.JAVA_25 + ": the AOT cache needs the image's JVM");
		ExtractedApp app = ExtractedApp.extract(work);

		Path trainingLog = work.resolve("training.log");
		// What the Dockerfile's training stage mounts: WireMock plus the -Pgemini-stub
		// jar (stub, traffic, Jackson).
		String classpath = String.join(":", location(WireMockServer.class), location(TrainingTraffic.class),
				location(JsonNode.class), location(JsonParser.class), location(JsonProperty.class));
		ProcessBuilder training = new ProcessBuilder("bash", "scripts/aot-train.sh", app.dir().toString(), classpath)
			.redirectErrorStream(true)
			.redirectOutput(trainingLog.toFile());
		training.environment().put("JAVA", ExtractedApp.JAVA_25.toString());
		training.environment().put("AOT_TRAINING_ROUNDS", "40");
		training.environment().put("TMPDIR", Files.createDirectories(work.resolve("training-tmp")).toString());
		Process trainer = training.start();
		assertThat(trainer.waitFor(10, TimeUnit.MINUTES)).as("training finishes").isTrue();
		assertThat(trainer.exitValue()).as(Files.readString(trainingLog)).isZero();
		// every round captions a photo and a PNG, all answered 2xx
		assertThat(Files.readString(trainingLog)).contains("AOT training traffic: {")
			.contains("/v1/vision/caption=80,");
		assertThat(app.dir().resolve("app.aot")).isNotEmptyFile();
		assertThat(work.resolve("training-tmp")).as("the training run cleans up after itself").isEmptyDirectory();

		Path tmp = Files.createDirectories(work.resolve("tmp"));
		int port = ExtractedApp.freePort();
		Path log = work.resolve("app.log");
		Process process = app.start(tmp, port, log, "-Xlog:aot");
		try {
			app.awaitReady(process, port, log);
			assertThat(app.get(port, "/actuator/health").statusCode()).isEqualTo(200);
		}
		finally {
			process.destroy();
		}
		assertThat(process.waitFor(45, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(log);
		assertThat(output).contains("Opened AOT cache app.aot").doesNotContain("[error][aot]");
		Matcher started = STARTED.matcher(output);
		assertThat(started.find()).as(output).isTrue();
		System.out.println("Started from the AOT cache in " + started.group(1) + " s");
	}

	private static String location(Class<?> type) throws URISyntaxException {
		return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
	}

}
