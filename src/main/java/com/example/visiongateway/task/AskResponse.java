package com.example.visiongateway.task;

import java.util.List;

/** The answer of {@code ask}: one answer about all the images together. */
public record AskResponse(String model, String modelVersion, String answer, List<ImageDescriptor> images,
		String finishReason, Usage usage, List<String> warnings) {

}
