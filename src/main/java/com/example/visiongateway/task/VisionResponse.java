package com.example.visiongateway.task;

import java.util.List;

/**
 * The answer of a per-image task: one result per input image, in input order, and the
 * summed usage. {@code modelVersion} is the model that answered, from Gemini's answer
 * (the first one that names it); absent when no model was called.
 */
public record VisionResponse(String model, String modelVersion, List<ImageResult> results, Usage usage) {

}
