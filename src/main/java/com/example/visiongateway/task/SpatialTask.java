package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.MaskForm;
import com.example.visiongateway.gemini.MaskFrame;
import com.example.visiongateway.gemini.ModelSettings;
import com.example.visiongateway.model.ModelCatalog.Model;
import com.example.visiongateway.spatial.MaskFormat;
import com.example.visiongateway.spatial.SpatialPostProcessor;
import com.example.visiongateway.spatial.SpatialResult;

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

	/**
	 * The current guide's answer schema for polygon masks: the list wrapped as
	 * {@code {"boxes": [...]}}, each mask an array of {@code [x, y]} integer pairs.
	 */
	private static final Map<String, Object> POLYGON_SCHEMA = Map.of("type", "object", "properties",
			Map.of("boxes", Map.of("type", "array", "items", Map.of("type", "object", "properties",
					Map.of("box_2d", integers(4, 4), "mask", Map.of("type", "array", "items", integers(2, 2)), "label",
							Map.of("type", "string")),
					"required", List.of("box_2d", "mask", "label")))),
			"required", List.of("boxes"));

	@Override
	public String name() {
		return this.masks ? "segment" : "detect";
	}

	@Override
	public String prompt(Model model) {
		String what = (this.objects == null || this.objects.isBlank()) ? null : this.objects.strip();
		if (this.masks) {
			return "Give the segmentation masks for "
					+ ((what != null) ? "the following objects: " + what : "all of the prominent items")
					+ ". Output a JSON list of segmentation masks where each entry "
					+ "contains the 2D bounding box in the key \"box_2d\", the segmentation mask in key \"mask\", and "
					+ "the text label in the key \"label\". Use descriptive labels." + maskWords(model.settings());
		}
		return ((what != null) ? "Detect the following objects in the image: " + what + "."
				: "Detect all of the prominent items in the image.")
				+ " The box_2d should be [ymin, xmin, ymax, xmax] normalized to 0-1000. Output a JSON list where each "
				+ "entry contains the 2D bounding box in \"box_2d\" and a text label in \"label\".";
	}

	/** The current guide's words for polygons; 2.5 needs none for its PNG maps. */
	private static String maskWords(ModelSettings settings) {
		if (settings.maskForm() != MaskForm.POLYGON) {
			return "";
		}
		return " The mask is a polygon of [x, y] coordinates normalized to 0-1000 "
				+ ((settings.maskFrame() == MaskFrame.BOX) ? "inside the bounding box (0 and 1000 are its edges)."
						: "over the whole image.");
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
		// Only a stored file the gateway did not upload comes without its size
		if (image.info() == null && image.origin() instanceof InputImage.Stored stored) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "The size of stored file " + stored.fileId()
					+ " is unknown (it was not uploaded through this gateway), so boxes cannot be put into pixels; "
					+ "send the image itself or upload it with POST /v1/files.", Map.of("imageIndex", image.index()));
		}
	}

	@Override
	public Map<String, Object> parameters() {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("objects", (this.objects == null || this.objects.isBlank()) ? null : this.objects.strip());
		if (this.masks) {
			parameters.put("threshold", this.threshold);
			parameters.put("maskFormat", this.maskFormat);
		}
		return parameters;
	}

	@Override
	public Map<String, Object> generationConfig(Model model) {
		Map<String, Object> task = new LinkedHashMap<>();
		if (model.settings().jsonMode()) {
			task.put("responseMimeType", "application/json");
			if (this.masks && model.settings().maskForm() == MaskForm.POLYGON) {
				task.put("responseJsonSchema", POLYGON_SCHEMA);
			}
		}
		return GenerationConfigs.merge(GenerationConfigs.forTask(model, name()), task);
	}

	private static Map<String, Object> integers(int min, int max) {
		return Map.of("type", "array", "items", Map.of("type", "integer"), "minItems", min, "maxItems", max);
	}

	@Override
	public boolean heavyRead() {
		return this.masks;
	}

	@Override
	public ImageOutcome.Located read(ModelAnswer answer, Model model, InputImage image, ImageDescriptor descriptor,
			Usage usage) {
		SpatialResult result;
		try {
			result = this.postProcessor.process(answer.text(), image.info().uprightWidth(),
					image.info().uprightHeight(), this.masks, this.threshold, this.maskFormat,
					model.settings().maskFrame());
		}
		catch (VisionException ex) {
			throw AnswerException.of(ex);
		}
		List<String> warnings = result.warnings();
		if ("MAX_TOKENS".equals(answer.finishReason())) {
			warnings = new ArrayList<>(warnings);
			warnings.add("Gemini ran out of output tokens (MAX_TOKENS): later items may be missing.");
		}
		return new ImageOutcome.Located(descriptor, result.detections(), answer.finishReason(), usage, warnings);
	}

}
