package com.example.visiongateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart's README, generated from the {@code # --} comments in its values.yaml (the
 * helm-docs convention): one row per documented key with its default, and the defaults
 * that are whole blocks after the table. JDK only, so {@code scripts/chart-readme.sh}
 * runs it as a source file; {@code ChartReadmeTests} fails when the committed README is
 * not what this makes.
 */
public final class ChartReadme {

	private static final Pattern DESCRIPTION = Pattern.compile("^(\\s*)# -- ?(.*)$");

	private static final Pattern CONTINUATION = Pattern.compile("^(\\s*)#(?: (.*))?$");

	private static final Pattern KEY = Pattern.compile("^(\\s*)([A-Za-z0-9_.-]+):(?:\\s+(.*))?$");

	private ChartReadme() {
	}

	/**
	 * A documented key: its dotted path, its default (inline or a block) and its text.
	 */
	record Row(String path, String inlineDefault, List<String> blockDefault, String description) {
	}

	public static void main(String[] args) throws IOException {
		Path values = Path.of(args[0]);
		Files.writeString(Path.of(args[1]), render(Files.readAllLines(values)));
	}

	static String render(List<String> valuesLines) {
		List<Row> rows = rows(valuesLines);
		StringBuilder out = new StringBuilder();
		out.append("# vision-gateway Helm chart\n\n")
			.append("Runs the gateway on Kubernetes: see docs/operations.md for how to install, size and watch it.\n")
			.append("This file is generated from the comments in values.yaml by `scripts/chart-readme.sh`;")
			.append(" edit those, not this.\n\n")
			.append("## Values\n\n")
			.append("| key | default | description |\n")
			.append("|---|---|---|\n");
		for (Row row : rows) {
			String value = row.blockDefault().isEmpty() ? "`" + row.inlineDefault() + "`"
					: "[below](#" + row.path().replace(".", "").toLowerCase() + ")";
			out.append("| `")
				.append(row.path())
				.append("` | ")
				.append(value)
				.append(" | ")
				.append(row.description().replace("|", "\\|"))
				.append(" |\n");
		}
		List<Row> blocks = rows.stream().filter((row) -> !row.blockDefault().isEmpty()).toList();
		if (!blocks.isEmpty()) {
			out.append("\n## Defaults that are blocks\n");
			for (Row row : blocks) {
				out.append("\n### ").append(row.path()).append("\n\n```yaml\n");
				row.blockDefault().forEach((line) -> out.append(line).append('\n'));
				out.append("```\n");
			}
		}
		return out.toString();
	}

	static List<Row> rows(List<String> lines) {
		List<Row> rows = new ArrayList<>();
		Deque<int[]> indents = new ArrayDeque<>();
		Deque<String> keys = new ArrayDeque<>();
		StringBuilder pending = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			Matcher description = DESCRIPTION.matcher(line);
			if (description.matches()) {
				pending = new StringBuilder(description.group(2).strip());
				continue;
			}
			Matcher continuation = CONTINUATION.matcher(line);
			if (continuation.matches()) {
				if (pending != null && continuation.group(2) != null) {
					pending.append(' ').append(continuation.group(2).strip());
				}
				continue;
			}
			Matcher key = KEY.matcher(line);
			if (!key.matches()) {
				pending = null;
				continue;
			}
			int indent = key.group(1).length();
			while (!indents.isEmpty() && indents.peek()[0] >= indent) {
				indents.pop();
				keys.removeLast();
			}
			indents.push(new int[] { indent });
			keys.addLast(key.group(2));
			if (pending != null) {
				String inline = (key.group(3) != null) ? key.group(3).strip() : "";
				List<String> block = inline.isEmpty() ? block(lines, i + 1, indent) : List.of();
				rows.add(new Row(String.join(".", keys), inline, block, pending.toString()));
				pending = null;
			}
		}
		return rows;
	}

	/** The lines under a key, without comments, its indent taken off. */
	private static List<String> block(List<String> lines, int from, int keyIndent) {
		List<String> block = new ArrayList<>();
		int base = -1;
		for (int i = from; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			int indent = line.length() - line.stripLeading().length();
			boolean listItem = line.stripLeading().startsWith("- ");
			if (indent < keyIndent || (indent == keyIndent && !listItem)) {
				break;
			}
			base = (base < 0) ? indent : base;
			block.add(line.substring(Math.min(base, indent)));
		}
		return block;
	}

}
