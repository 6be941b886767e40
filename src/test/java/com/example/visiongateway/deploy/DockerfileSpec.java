package com.example.visiongateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the project's Dockerfile says about its build and its runtime stage, read from the
 * file itself so that tests running the app outside Docker use exactly the image's
 * settings.
 *
 * @param buildImage base image of the first stage
 * @param runtimeImage base image of the last stage
 * @param env the runtime stage's ENV variables
 * @param user the runtime stage's USER
 * @param volumes the runtime stage's VOLUMEs
 * @param exposedPorts the runtime stage's EXPOSEd ports
 * @param entrypoint the runtime stage's exec-form ENTRYPOINT
 * @param layers the Spring Boot layers the runtime stage copies, in copy order
 * @param extractCommand the build stage's layer extraction command, split into arguments
 * @param runtimeRuns the runtime stage's RUN instructions, as written
 */
record DockerfileSpec(String buildImage, String runtimeImage, Map<String, String> env, String user,
		List<String> volumes, List<String> exposedPorts, List<String> entrypoint, List<String> layers,
		List<String> extractCommand, List<String> runtimeRuns) {

	static final Path DOCKERFILE = Path.of("Dockerfile");

	private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S*))");

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	private static final Pattern LAYER_COPY = Pattern.compile("--from=\\S+\\s+\\S*/extracted/([^/\\s]+)/?\\s");

	private static final Pattern EXTRACT = Pattern.compile("java -Djarmode=tools[^&;\\n]*");

	static DockerfileSpec read() {
		try {
			return parse(Files.readString(DOCKERFILE));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static DockerfileSpec parse(String dockerfile) {
		List<List<String[]>> stages = new ArrayList<>();
		for (String[] instruction : instructions(dockerfile)) {
			if (instruction[0].equals("FROM")) {
				stages.add(new ArrayList<>());
			}
			stages.get(stages.size() - 1).add(instruction);
		}
		List<String[]> runtime = stages.get(stages.size() - 1);
		Map<String, String> env = new LinkedHashMap<>();
		List<String> volumes = new ArrayList<>();
		List<String> ports = new ArrayList<>();
		List<String> layers = new ArrayList<>();
		List<String> runs = new ArrayList<>();
		List<String> entrypoint = List.of();
		String user = null;
		for (String[] instruction : runtime) {
			String args = instruction[1];
			switch (instruction[0]) {
				case "ENV" -> {
					Matcher pair = ENV_PAIR.matcher(args);
					while (pair.find()) {
						env.put(pair.group(1), (pair.group(3) != null) ? pair.group(3) : pair.group(4));
					}
				}
				case "USER" -> user = args;
				case "RUN" -> runs.add(args);
				case "VOLUME" -> volumes.addAll(words(args));
				case "EXPOSE" -> ports.addAll(words(args));
				case "ENTRYPOINT" -> entrypoint = quoted(args);
				case "COPY" -> {
					Matcher layer = LAYER_COPY.matcher(args + " ");
					if (layer.find()) {
						layers.add(layer.group(1));
					}
				}
				default -> {
				}
			}
		}
		Matcher extract = EXTRACT.matcher(dockerfile.replaceAll("\\\\\\R", " "));
		List<String> extractCommand = extract.find() ? words(extract.group()) : List.of();
		return new DockerfileSpec(stages.get(0).get(0)[1].split("\\s+")[0], runtime.get(0)[1].split("\\s+")[0],
				Map.copyOf(env), user, List.copyOf(volumes), List.copyOf(ports), entrypoint, List.copyOf(layers),
				extractCommand, List.copyOf(runs));
	}

	/**
	 * Instructions as (keyword, arguments), with comments dropped and continuation lines
	 * joined.
	 */
	private static List<String[]> instructions(String dockerfile) {
		List<String[]> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : dockerfile.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			String[] split = current.toString().strip().split("\\s+", 2);
			instructions.add(new String[] { split[0].toUpperCase(), (split.length > 1) ? split[1].strip() : "" });
			current.setLength(0);
		}
		return instructions;
	}

	private static List<String> words(String text) {
		return Arrays.stream(text.strip().split("\\s+")).filter((word) -> !word.isEmpty()).toList();
	}

	private static List<String> quoted(String json) {
		List<String> values = new ArrayList<>();
		Matcher matcher = QUOTED.matcher(json);
		while (matcher.find()) {
			values.add(matcher.group(1));
		}
		return List.copyOf(values);
	}

}
