package com.example.visiongateway.task;

import java.util.List;

/**
 * The outcome of a per-image task: one outcome per input image, in input order, and the
 * summed usage. {@code modelVersion} is the model that answered, from Gemini's answer
 * (the first one that names it); null when no model was called.
 */
public record VisionAnswer(String model, String modelVersion, List<ImageOutcome> results, Usage usage) {

}
