package com.example.visiongateway.model;

import java.util.List;
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

	private final ModelAvailability availability;

	public ModelCatalog(GeminiProperties properties, ModelAvailability availability) {
		this.properties = properties;
		this.availability = availability;
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
		if (!this.availability.available(name)) {
			List<String> alternatives = this.availability.availableModels();
			throw new VisionException(ErrorCode.MODEL_UNAVAILABLE,
					"Gemini does not serve model " + name + " to the gateway (retired, not enabled or not found)"
							+ (alternatives.isEmpty() ? "; no configured model is available right now."
									: ". Configured alternatives: " + String.join(", ", alternatives) + "."),
					Map.of("model", name, "alternatives", alternatives));
		}
		return new Model(name, settings);
	}

}
