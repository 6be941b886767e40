package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Gemini {@code safetySettings} chosen by the operator: harm category → block threshold,
 * for every model and per model (a model's own entries win category by category). Callers
 * cannot change them.
 *
 * @param settings for every model, e.g. {@code HARM_CATEGORY_HARASSMENT: BLOCK_ONLY_HIGH}
 * @param models per model name, the same kind of map
 */
@ConfigurationProperties("vision.safety")
@Validated
public record SafetyProperties(Map<String, String> settings, Map<String, Map<String, String>> models) {

	private static final Pattern NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

	public SafetyProperties {
		settings = (settings != null) ? Map.copyOf(settings) : Map.of();
		models = (models != null) ? Map.copyOf(models) : Map.of();
		check(settings, "vision.safety.settings");
		models.forEach((model, map) -> check(map, "vision.safety.models." + model));
	}

	/**
	 * The settings sent with a request to this model, in Gemini's wire shape; null when
	 * there are none.
	 */
	List<Map<String, String>> forModel(String model) {
		Map<String, String> merged = new LinkedHashMap<>(this.settings);
		merged.putAll(this.models.getOrDefault(model, Map.of()));
		if (merged.isEmpty()) {
			return null;
		}
		List<Map<String, String>> wire = new ArrayList<>();
		merged.forEach((category, threshold) -> {
			Map<String, String> setting = new LinkedHashMap<>();
			setting.put("category", category);
			setting.put("threshold", threshold);
			wire.add(setting);
		});
		return wire;
	}

	/**
	 * Gemini's names are upper-case enums; a typo should stop start-up, not reach Gemini
	 * as a 400 on every call.
	 */
	private static void check(Map<String, String> map, String where) {
		map.forEach((category, threshold) -> {
			if (!NAME.matcher(category).matches() || !category.startsWith("HARM_CATEGORY_")
					|| !NAME.matcher(String.valueOf(threshold)).matches()) {
				throw new IllegalArgumentException(where + ": '" + category + "' → '" + threshold
						+ "' is not a Gemini harm category (HARM_CATEGORY_…) and threshold (e.g. BLOCK_ONLY_HIGH)");
			}
		});
	}

}
