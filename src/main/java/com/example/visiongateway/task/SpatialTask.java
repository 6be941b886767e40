package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.spatial.MaskFormat;
import com.example.visiongateway.spatial.SpatialPostProcessor;
import com.example.visiongateway.spatial.SpatialResult;
import com.example.visiongateway.task.ModelCatalog.Model;

/**
 * Detection (boxes) or segmentation (boxes and masks), with the prompts the Gemini image
 * guide recommends. The model's normalized answer is turned into pixels of the upright
 * image.
 *
 * @param masks segmentation when true
 * @param objects what to find, or null for every prominent item
 * @param threshold a mask pixel is set when its value is above this
 * @param maskFormat the form of each mask in the answer
 * @param postProcessor reads the answer into pixel space
 */
record SpatialTask(boolean masks, String objects, int threshold, MaskFormat maskFormat,
		SpatialPostProcessor postProcessor) implements PerImageTask {

	static final int DEFAULT_THRESHOLD = 127;

	@Override
	public String name() {
		return this.masks ? "segment" : "detect";
	}

	@Override
	public String prompt() {
		String what = (this.objects == null || this.objects.isBlank()) ? null : this.objects.strip();
		if (this.masks) {
			return "Give the segmentation masks for "
					+ ((what != null) ? "the following objects: " + what : "all of the prominent items")
					+ ". Output a JSON list of segmentation masks where each entry "
					+ "contains the 2D bounding box in the key \"box_2d\", the segmentation mask in key \"mask\", and "
					+ "the text label in the key \"label\". Use descriptive labels.";
		}
		return ((what != null) ? "Detect the following objects in the image: " + what + "."
				: "Detect all of the prominent items in the image.")
				+ " The box_2d should be [ymin, xmin, ymax, xmax] normalized to 0-1000. Output a JSON list where each "
				+ "entry contains the 2D bounding box in \"box_2d\" and a text label in \"label\".";
	}

	@Override
	public void check(Model model) {
		if (this.masks && !model.settings().masks()) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "Model " + model.name()
					+ " cannot produce segmentation masks; use a model configured with masks for segment, or detect for boxes.",
					Map.of("part", "model"));
		}
	}

	@Override
	public void check(InputImage image) {
		if (image.info() == null) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "The size of stored file " + image.fileId()
					+ " is unknown (it was not uploaded through this gateway), so boxes cannot be put into pixels; "
					+ "send the image itself or upload it with POST /v1/files.", Map.of("imageIndex", image.index()));
		}
	}

	@Override
	public Map<String, Object> generationConfig(Model model) {
		Map<String, Object> task = new LinkedHashMap<>();
		if (model.settings().jsonMode()) {
			task.put("responseMimeType", "application/json");
		}
		return GenerationConfigs.merge(GenerationConfigs.forTask(model, name()), task);
	}

	@Override
	public boolean heavyRead() {
		return this.masks;
	}

	@Override
	public ImageResult read(ModelAnswer answer, InputImage image, ImageDescriptor descriptor, Usage usage) {
		SpatialResult result;
		try {
			result = this.postProcessor.process(answer.text(), image.info().uprightWidth(),
					image.info().uprightHeight(), this.masks, this.threshold, this.maskFormat);
		}
		catch (VisionException ex) {
			throw AnswerException.of(ex);
		}
		List<String> warnings = result.warnings();
		if ("MAX_TOKENS".equals(answer.finishReason())) {
			warnings = new ArrayList<>(warnings);
			warnings.add("Gemini ran out of output tokens (MAX_TOKENS): later items may be missing.");
		}
		return new ImageResult(descriptor, null, null, result.detections(), null, answer.finishReason(), usage,
				warnings, null);
	}

}
