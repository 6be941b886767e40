package com.example.visiongateway.multipart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.RawMultipart;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's multipart reader behind the HTTP API: parts on the heap or in temp files
 * are given back once the answer is out, whether the request succeeded, failed half-way
 * or ran asynchronously.
 */
@TestPropertySource(properties = { "vision.limits.max-image-size=1MB", "vision.multipart.in-memory-budget=300KB" })
class MultipartIntegrationTests extends GatewayIntegrationTest {

	private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

	@Autowired
	@Qualifier(BudgetConfiguration.HEAP)
	private Budget heap;

	@Autowired
	@Qualifier(BudgetConfiguration.DISK)
	private Budget disk;

	@Test
	void givesBackHeapAndTempFilesAfterAnAnswer() throws IOException {
		Set<Path> before = partFiles();
		RawMultipart body = new RawMultipart("b0undary")
			.file("images", "small.png", "image/png", TestImages.pngOfSize(250_000, 1))
			.file("images", "large.png", "image/png", TestImages.pngOfSize(600_000, 2))
			.field("prompt", "Describe it.");

		Reply caption = this.gateway.postRaw("/v1/vision/caption", body.contentType(), body.build());
		Reply tokens = this.gateway.postRaw("/v1/vision/tokens", body.contentType(),
				new RawMultipart("b0undary").file("images", "large.png", "image/png", TestImages.pngOfSize(600_000, 3))
					.build());

		assertThat(caption.status()).as(caption.body()).isEqualTo(200);
		assertThat(caption.json().get("results")).hasSize(2);
		assertThat(tokens.status()).as(tokens.body()).isEqualTo(200);
		awaitReleased(before);
	}

	@Test
	void givesBackWhatAFailedRequestHeld() throws IOException {
		Set<Path> before = partFiles();
		RawMultipart body = new RawMultipart("b0undary")
			.file("images", "small.png", "image/png", TestImages.pngOfSize(250_000, 1))
			.file("images", "ok.png", "image/png", TestImages.pngOfSize(900_000, 2))
			.file("images", "big.png", "image/png", TestImages.pngOfSize(1_100_000, 3));

		Reply reply = this.gateway.postRaw("/v1/vision/caption", body.contentType(), body.build());

		assertProblem(reply, 413, "PAYLOAD_TOO_LARGE");
		assertThat(reply.json().get("part").asString()).isEqualTo("images");
		awaitReleased(before);
	}

	@Test
	void refusesABoundaryLongerThanRfc2046Allows() {
		String boundary = "b".repeat(71);
		RawMultipart body = new RawMultipart(boundary).file("images", "c.png", "image/png",
				TestImages.fixture("chelsea.png"));

		Reply reply = this.gateway.postRaw("/v1/vision/tokens", body.contentType(), body.build());

		assertProblem(reply, 400, "BAD_REQUEST");
		assertThat(reply.json().get("detail").asString()).contains("boundary");
	}

	private void awaitReleased(Set<Path> before) throws IOException {
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		while ((budgetsInUse() != 0 || !before.containsAll(partFiles())) && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(budgetsInUse()).isZero();
		assertThat(partFiles()).isSubsetOf(before);
	}

	private long budgetsInUse() {
		return this.heap.used() + this.disk.used();
	}

	private static Set<Path> partFiles() throws IOException {
		try (Stream<Path> files = Files.list(TEMP)) {
			return files.filter((path) -> path.getFileName().toString().startsWith("vision-part-"))
				.collect(Collectors.toSet());
		}
	}

}
