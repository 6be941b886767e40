package com.example.visiongateway.task;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.visiongateway.gemini.ModelSettings;
import com.example.visiongateway.gemini.ThinkingLevel;
import com.example.visiongateway.model.ModelCatalog.Model;

/**
 * Layers generation settings: the model's, then the task's; nested objects
 * (thinkingConfig) merge key by key.
 */
final class GenerationConfigs {

	private GenerationConfigs() {
	}

	/**
	 * The model's settings for one task: its generation config, the spatial layer for
	 * detect and segment, and the task's thinking level.
	 */
	static Map<String, Object> forTask(Model model, String task) {
		ModelSettings settings = model.settings();
		ThinkingLevel level = settings.thinkingLevel(task);
		return merge(settings.generationConfig(),
				ModelSettings.spatial(task) ? settings.spatialGenerationConfig() : null,
				(level != null) ? Map.of("thinkingConfig", Map.of("thinkingLevel", level.wireName())) : null);
	}

	@SafeVarargs
	static Map<String, Object> merge(Map<String, Object>... layers) {
		Map<String, Object> merged = new LinkedHashMap<>();
		for (Map<String, Object> layer : layers) {
			if (layer != null) {
				mergeInto(merged, layer);
			}
		}
		return merged;
	}

	@SuppressWarnings("unchecked")
	private static void mergeInto(Map<String, Object> target, Map<String, Object> layer) {
		layer.forEach((key, value) -> {
			if (value instanceof Map<?, ?> nested && target.get(key) instanceof Map<?, ?> existing) {
				Map<String, Object> combined = new LinkedHashMap<>((Map<String, Object>) existing);
				mergeInto(combined, (Map<String, Object>) nested);
				target.put(key, combined);
			}
			else {
				target.put(key, value);
			}
		});
	}

}
