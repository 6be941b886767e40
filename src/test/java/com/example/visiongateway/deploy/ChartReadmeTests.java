package com.example.visiongateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's README is what {@code scripts/chart-readme.sh} makes of values.yaml, and
 * every documented value is in it.
 */
class ChartReadmeTests {

	private static final Path CHART = Path.of("helm/vision-gateway");

	@Test
	void theCommittedReadmeIsGeneratedFromTheCurrentValues() throws IOException {
		List<String> values = Files.readAllLines(CHART.resolve("values.yaml"));

		assertThat(Files.readString(CHART.resolve("README.md")))
			.as("helm/vision-gateway/README.md is stale: run scripts/chart-readme.sh")
			.isEqualTo(ChartReadme.render(values));
	}

	@Test
	void everyDescribedValueBecomesARowUnderItsFullPath() throws IOException {
		List<String> values = Files.readAllLines(CHART.resolve("values.yaml"));
		long described = values.stream().filter((line) -> line.strip().startsWith("# --")).count();

		List<ChartReadme.Row> rows = ChartReadme.rows(values);

		assertThat(rows).hasSize((int) described);
		assertThat(rows).extracting(ChartReadme.Row::path).contains("image.repository", "redis.existingSecret");
	}

	@Test
	void readsNestingContinuationsAndBlockDefaults() {
		List<String> values = List.of("# -- Top level.", "a: 1", "b:", "  # -- Nested, said", "  # over two lines.",
				"  c: \"x\"", "  d: 2", "# -- A block.", "e:", "  f: 3", "  g:", "    - h", "i: 4");

		List<ChartReadme.Row> rows = ChartReadme.rows(values);

		assertThat(rows).containsExactly(new ChartReadme.Row("a", "1", List.of(), "Top level."),
				new ChartReadme.Row("b.c", "\"x\"", List.of(), "Nested, said over two lines."),
				new ChartReadme.Row("e", "", List.of("f: 3", "g:", "  - h"), "A block."));
		assertThat(ChartReadme.render(values)).contains("| `e` | [below](#e) | A block. |")
			.contains("### e\n\n```yaml\nf: 3\ng:\n  - h\n```");
	}

}
