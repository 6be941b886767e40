package com.example.visiongateway.task;

import java.util.List;

/**
 * The answer of a per-image task: one result per input image, in input order, and the
 * summed usage.
 */
public record VisionResponse(String model, List<ImageResult> results, Usage usage) {

}
