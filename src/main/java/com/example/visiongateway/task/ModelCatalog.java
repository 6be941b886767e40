package com.example.visiongateway.task;

import java.util.Map;
import java.util.TreeSet;

import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiProperties;
import com.example.visiongateway.gemini.ModelSettings;

import org.springframework.stereotype.Component;

/**
 * The configured allow-list of models: a caller may name one of them, or get the default.
 */
@Component
public class ModelCatalog {

	private final GeminiProperties properties;

	public ModelCatalog(GeminiProperties properties) {
		this.properties = properties;
	}

	/** A model the gateway may use, with its settings. */
	public record Model(String name, ModelSettings settings) {
	}

	public Model resolve(String requested) {
		String name = (requested == null || requested.isBlank()) ? this.properties.defaultModel() : requested.trim();
		ModelSettings settings = this.properties.models().get(name);
		if (settings == null) {
			var allowed = new TreeSet<>(this.properties.models().keySet());
			throw new VisionException(ErrorCode.BAD_REQUEST, "Unknown model '" + Texts.abbreviate(name, 80)
					+ "'. Allowed models: " + String.join(", ", allowed) + ".", Map.of("allowedModels", allowed));
		}
		return new Model(name, settings);
	}

}
