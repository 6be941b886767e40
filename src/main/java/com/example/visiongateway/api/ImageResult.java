package com.example.visiongateway.api;

import java.util.List;

import com.example.visiongateway.spatial.Detection;
import com.example.visiongateway.task.ImageDescriptor;
import com.example.visiongateway.task.ImageOutcome;
import com.example.visiongateway.task.TokenEstimate;
import com.example.visiongateway.task.Usage;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.springframework.http.ProblemDetail;

/**
 * One entry of {@code results}. Only the members of the task that ran are set;
 * {@code warnings} and {@code error} are always present so callers can rely on them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImageResult(ImageDescriptor image, String caption, List<String> labels, List<Detection> detections,
		TokenEstimate tokens, String finishReason, Usage usage,
		@JsonInclude(JsonInclude.Include.ALWAYS) List<String> warnings,
		@JsonInclude(JsonInclude.Include.ALWAYS) ProblemDetail error) {

	static ImageResult of(ImageOutcome outcome) {
		ImageDescriptor image = outcome.image();
		List<String> warnings = outcome.warnings();
		// ImageOutcome is sealed; Java 17 has no pattern switch to check this chain
		// for exhaustiveness, ImageResultTests covers every kind
		if (outcome instanceof ImageOutcome.Captioned captioned) {
			return new ImageResult(image, captioned.caption(), null, null, null, captioned.finishReason(),
					captioned.usage(), warnings, null);
		}
		if (outcome instanceof ImageOutcome.Classified classified) {
			return new ImageResult(image, null, classified.labels(), null, null, classified.finishReason(),
					classified.usage(), warnings, null);
		}
		if (outcome instanceof ImageOutcome.Located located) {
			return new ImageResult(image, null, null, located.detections(), null, located.finishReason(),
					located.usage(), warnings, null);
		}
		if (outcome instanceof ImageOutcome.Counted counted) {
			return new ImageResult(image, null, null, null, counted.tokens(), null, null, warnings, null);
		}
		ImageOutcome.Failed failed = (ImageOutcome.Failed) outcome;
		return new ImageResult(image, null, null, null, null, null, null, warnings, Problems.of(failed.problem()));
	}

}
