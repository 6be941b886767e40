package com.example.visiongateway.task;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Layers generation settings: the model's, then the task's; nested objects
 * (thinkingConfig) merge key by key.
 */
final class GenerationConfigs {

	private GenerationConfigs() {
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
