package com.example.visiongateway.task;

import java.util.List;
import java.util.Map;

import com.example.visiongateway.model.ModelCatalog.Model;

/** One caption per image. */
record CaptionTask(String prompt) implements PerImageTask {

	static final String DEFAULT_PROMPT = "Write a short, factual caption for this image in one sentence.";

	CaptionTask {
		prompt = (prompt == null || prompt.isBlank()) ? DEFAULT_PROMPT : prompt;
	}

	@Override
	public String prompt(Model model) {
		return this.prompt;
	}

	@Override
	public String name() {
		return "caption";
	}

	@Override
	public Map<String, Object> parameters() {
		return Map.of("prompt", this.prompt);
	}

	@Override
	public Map<String, Object> generationConfig(Model model) {
		return GenerationConfigs.forTask(model, name());
	}

	@Override
	public ImageOutcome read(ModelAnswer answer, Model model, InputImage image, ImageDescriptor descriptor,
			Usage usage) {
		return new ImageOutcome.Captioned(descriptor, answer.text().strip(), answer.finishReason(), usage, List.of());
	}

}
