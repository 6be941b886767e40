package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;

import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.spatial.Detection;

/**
 * What became of one input image: the answer of the task that ran, or the problem that
 * stopped it when several images are isolated from each other. The API turns each kind
 * into the contract's result object.
 */
public sealed interface ImageOutcome {

	ImageDescriptor image();

	List<String> warnings();

	/** Tokens Gemini reported for this image's call; {@link Usage#NONE} when none. */
	default Usage usage() {
		return Usage.NONE;
	}

	/** Why the model stopped; null when no answer was read. */
	default String finishReason() {
		return null;
	}

	/** The same outcome with the gateway's own notes ahead of the answer's warnings. */
	ImageOutcome withWarningsFirst(List<String> notes);

	/**
	 * The same outcome about another description of the image (a stored answer given to
	 * the request that asks for it again).
	 */
	ImageOutcome withImage(ImageDescriptor other);

	private static List<String> ahead(List<String> notes, List<String> warnings) {
		if (notes.isEmpty()) {
			return warnings;
		}
		List<String> all = new ArrayList<>(notes);
		all.addAll(warnings);
		return List.copyOf(all);
	}

	record Captioned(ImageDescriptor image, String caption, String finishReason, Usage usage,
			List<String> warnings) implements ImageOutcome {

		@Override
		public Captioned withWarningsFirst(List<String> notes) {
			return new Captioned(this.image, this.caption, this.finishReason, this.usage, ahead(notes, this.warnings));
		}

		@Override
		public Captioned withImage(ImageDescriptor other) {
			return new Captioned(other, this.caption, this.finishReason, this.usage, this.warnings);
		}

	}

	record Classified(ImageDescriptor image, List<String> labels, String finishReason, Usage usage,
			List<String> warnings) implements ImageOutcome {

		@Override
		public Classified withWarningsFirst(List<String> notes) {
			return new Classified(this.image, this.labels, this.finishReason, this.usage, ahead(notes, this.warnings));
		}

		@Override
		public Classified withImage(ImageDescriptor other) {
			return new Classified(other, this.labels, this.finishReason, this.usage, this.warnings);
		}

	}

	/** Detections, with masks when segmenting. */
	record Located(ImageDescriptor image, List<Detection> detections, String finishReason, Usage usage,
			List<String> warnings) implements ImageOutcome {

		@Override
		public Located withWarningsFirst(List<String> notes) {
			return new Located(this.image, this.detections, this.finishReason, this.usage, ahead(notes, this.warnings));
		}

		@Override
		public Located withImage(ImageDescriptor other) {
			return new Located(other, this.detections, this.finishReason, this.usage, this.warnings);
		}

	}

	/** Input tokens of the image as it would be sent; no answer, no usage. */
	record Counted(ImageDescriptor image, TokenEstimate tokens, List<String> warnings) implements ImageOutcome {

		@Override
		public Counted withWarningsFirst(List<String> notes) {
			return new Counted(this.image, this.tokens, ahead(notes, this.warnings));
		}

		@Override
		public Counted withImage(ImageDescriptor other) {
			return new Counted(other, this.tokens, this.warnings);
		}

	}

	/** The image's own problem; the other images of the request were answered. */
	record Failed(ImageDescriptor image, VisionException problem) implements ImageOutcome {

		@Override
		public List<String> warnings() {
			return List.of();
		}

		@Override
		public Failed withWarningsFirst(List<String> notes) {
			// As before: a failed image reports its problem alone
			return this;
		}

		@Override
		public Failed withImage(ImageDescriptor other) {
			return new Failed(other, this.problem);
		}

	}

}
