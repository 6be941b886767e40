package com.example.visiongateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

import org.springframework.util.FileSystemUtils;

/**
 * The manifests {@code helm template} renders from the chart, parsed into plain maps and
 * lists.
 */
record RenderedChart(List<Map<String, Object>> manifests) {

	static final Path CHART = Path.of("helm", "vision-gateway");

	static final String RELEASE = "gw";

	private static final String HOOK = "helm.sh/hook";

	private static final String UNHOOKED = "unhooked.test/";

	/**
	 * Renders the chart as release {@value #RELEASE}; {@code values} are {@code --set}
	 * pairs (name, value, name, value…).
	 */
	static RenderedChart render(Object... values) {
		return render(CHART, values);
	}

	/**
	 * Like {@link #render} but with the chart's hooks ({@code helm test} pods) among the
	 * manifests. helm-java's template returns the release manifest only, without hooks,
	 * so the hooks are rendered from a copy whose hook annotations are renamed (helm then
	 * takes them for plain manifests) and the names are restored in the result.
	 */
	static RenderedChart renderWithHooks(Object... values) {
		Path copy = null;
		try {
			copy = Files.createTempDirectory("chart-with-hooks");
			try (Stream<Path> files = Files.walk(CHART)) {
				for (Path file : (Iterable<Path>) files::iterator) {
					Path target = copy.resolve(CHART.relativize(file).toString());
					if (Files.isDirectory(file)) {
						Files.createDirectories(target);
					}
					else {
						Files.writeString(target, Files.readString(file).replace(HOOK, UNHOOKED + HOOK));
					}
				}
			}
			List<Map<String, Object>> manifests = new ArrayList<>();
			for (Map<String, Object> manifest : render(copy, values).manifests()) {
				manifests.add(restoreHookAnnotations(manifest));
			}
			return new RenderedChart(List.copyOf(manifests));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			FileSystemUtils.deleteRecursively(copy.toFile());
		}
	}

	private static RenderedChart render(Path chart, Object... values) {
		TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace("vision");
		for (int i = 0; i < values.length; i += 2) {
			template.set((String) values[i], values[i + 1]);
		}
		return parse(template.call());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> restoreHookAnnotations(Map<String, Object> manifest) {
		Map<String, Object> metadata = (Map<String, Object>) manifest.get("metadata");
		Map<String, Object> annotations = (Map<String, Object>) metadata.get("annotations");
		if (annotations != null) {
			Map<String, Object> restored = new LinkedHashMap<>();
			annotations.forEach((name, value) -> restored.put(name.replace(UNHOOKED, ""), value));
			metadata.put("annotations", restored);
		}
		return manifest;
	}

	@SuppressWarnings("unchecked")
	static RenderedChart parse(String yaml) {
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Object document : new Yaml().loadAll(yaml)) {
			if (document != null) {
				manifests.add((Map<String, Object>) document);
			}
		}
		return new RenderedChart(List.copyOf(manifests));
	}

	List<Map<String, Object>> all(String kind) {
		return this.manifests.stream().filter((manifest) -> kind.equals(manifest.get("kind"))).toList();
	}

	Map<String, Object> one(String kind) {
		List<Map<String, Object>> found = all(kind);
		if (found.size() != 1) {
			throw new AssertionError("Expected one " + kind + " but rendered " + found.size());
		}
		return found.get(0);
	}

	/**
	 * Like {@link #at} for assertions on any value.
	 */
	static Object value(Object node, String path) {
		return at(node, path);
	}

	/**
	 * Follows a dotted path of map keys and list indexes, e.g.
	 * {@code spec.template.spec.containers.0.ports}.
	 */
	@SuppressWarnings("unchecked")
	static <T> T at(Object node, String path) {
		Object current = node;
		for (String step : path.split("\\.")) {
			if (current instanceof Map<?, ?> map) {
				current = map.get(step);
			}
			else if (current instanceof List<?> list) {
				current = list.get(Integer.parseInt(step));
			}
			else {
				throw new AssertionError("No '" + step + "' in " + Objects.toString(current) + " (path " + path + ")");
			}
		}
		return (T) current;
	}

}
