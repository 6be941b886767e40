package com.example.visiongateway.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests {@code helm template} renders from the chart, parsed into plain maps and
 * lists.
 */
record RenderedChart(List<Map<String, Object>> manifests) {

	static final Path CHART = Path.of("helm", "vision-gateway");

	static final String RELEASE = "gw";

	/**
	 * Renders the chart as release {@value #RELEASE}; {@code values} are {@code --set}
	 * pairs (name, value, name, value…).
	 */
	static RenderedChart render(Object... values) {
		TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("vision");
		for (int i = 0; i < values.length; i += 2) {
			template.set((String) values[i], values[i + 1]);
		}
		return parse(template.call());
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
