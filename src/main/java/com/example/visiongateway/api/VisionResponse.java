package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.task.Usage;
import com.example.visiongateway.task.VisionAnswer;

/**
 * The answer of a per-image task: one result per input image, in input order, and the
 * summed usage. {@code modelVersion} is the model that answered, from Gemini's answer
 * (the first one that names it); absent when no model was called.
 */
public record VisionResponse(String model, String modelVersion, List<ImageResult> results, Usage usage) {

	static VisionResponse of(VisionAnswer answer) {
		return new VisionResponse(answer.model(), answer.modelVersion(),
				answer.results().stream().map(ImageResult::of).toList(), answer.usage());
	}

}
