package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;

import com.example.visiongateway.spatial.Detection;
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

	/**
	 * The same result with the gateway's own notes on the image ahead of the answer's
	 * warnings.
	 */
	ImageResult withWarningsFirst(List<String> notes) {
		if (notes.isEmpty()) {
			return this;
		}
		List<String> all = new ArrayList<>(notes);
		all.addAll(this.warnings);
		return new ImageResult(this.image, this.caption, this.labels, this.detections, this.tokens, this.finishReason,
				this.usage, all, this.error);
	}

	static ImageResult failed(ImageDescriptor image, ProblemDetail error) {
		return new ImageResult(image, null, null, null, null, null, null, List.of(), error);
	}

}
