package com.example.visiongateway.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.task.AskResponse;
import com.example.visiongateway.task.PerImageTasks;
import com.example.visiongateway.task.VisionInputs;
import com.example.visiongateway.task.VisionInputs.Upload;
import com.example.visiongateway.task.VisionResponse;
import com.example.visiongateway.task.VisionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The vision endpoints: multipart in, JSON out; the Gemini calls run without holding the request thread. */
@RestController
@RequestMapping(path = "/v1/vision", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
		produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "vision", description = "Image understanding with Gemini: captions, labels, answers and token estimates")
class VisionController {

	private static final String IMAGES = "Image files (repeat the part). png, jpeg, webp, heic or heif, decided from the bytes.";

	private static final String FILE_IDS = "Ids from POST /v1/files, to reuse stored images (repeat the part).";

	private static final String MODEL = "A model from the configured allow-list; the configured default when absent.";

	private static final String SYSTEM = "Extra instructions passed to the model as its system instruction.";

	private final VisionService service;

	private final PerImageTasks tasks;

	private final ImageLimits limits;

	VisionController(VisionService service, PerImageTasks tasks, ImageLimits limits) {
		this.service = service;
		this.tasks = tasks;
		this.limits = limits;
	}

	@PostMapping("/caption")
	@Operation(summary = "Caption each image",
			description = "One Gemini call per image (bounded concurrency, input order kept); one caption per result.")
	CompletableFuture<VisionResponse> caption(
			@Parameter(description = IMAGES) @RequestPart(name = "images", required = false) List<MultipartFile> images,
			@Parameter(description = FILE_IDS) @RequestParam(name = "fileIds", required = false) List<String> fileIds,
			@Parameter(description = MODEL) @RequestParam(name = "model", required = false) String model,
			@Parameter(description = SYSTEM) @RequestParam(name = "systemInstruction",
					required = false) String systemInstruction,
			@Parameter(description = "The instruction for each image; default: a short factual caption.") @RequestParam(
					name = "prompt", required = false) String prompt,
			HttpServletRequest request) {
		PartNames.checkVision(request, "prompt");
		var inputs = inputs(images, fileIds, model, systemInstruction);
		return this.service.perImage(this.tasks.caption(prompt), inputs).toFuture();
	}

	@PostMapping("/classify")
	@Operation(summary = "Classify each image with the caller's labels",
			description = "Structured output restricts the answer to the given labels (a JSON schema enum). "
					+ "With multiLabel, every label that applies; otherwise exactly one.")
	CompletableFuture<VisionResponse> classify(
			@Parameter(description = IMAGES) @RequestPart(name = "images", required = false) List<MultipartFile> images,
			@Parameter(description = FILE_IDS) @RequestParam(name = "fileIds", required = false) List<String> fileIds,
			@Parameter(description = MODEL) @RequestParam(name = "model", required = false) String model,
			@Parameter(description = SYSTEM) @RequestParam(name = "systemInstruction",
					required = false) String systemInstruction,
			@Parameter(description = "The labels to choose from (2 or more; repeat the part).",
					required = true) @RequestParam(name = "labels", required = false) List<String> labels,
			@Parameter(description = "Whether several labels may apply (default false).") @RequestParam(
					name = "multiLabel", defaultValue = "false") boolean multiLabel,
			HttpServletRequest request) {
		PartNames.checkVision(request, "labels", "multiLabel");
		var inputs = inputs(images, fileIds, model, systemInstruction);
		return this.service.perImage(this.tasks.classify(checkLabels(labels), multiLabel), inputs).toFuture();
	}

	@PostMapping("/ask")
	@Operation(summary = "Ask one question about all the images together",
			description = "Visual question answering and comparison: every image and the question go to Gemini in one "
					+ "call; images that would push the body over the inline limit go through the Files API.")
	CompletableFuture<AskResponse> ask(
			@Parameter(description = IMAGES) @RequestPart(name = "images", required = false) List<MultipartFile> images,
			@Parameter(description = FILE_IDS) @RequestParam(name = "fileIds", required = false) List<String> fileIds,
			@Parameter(description = MODEL) @RequestParam(name = "model", required = false) String model,
			@Parameter(description = SYSTEM) @RequestParam(name = "systemInstruction",
					required = false) String systemInstruction,
			@Parameter(description = "The question.", required = true) @RequestParam(name = "question",
					required = false) String question,
			HttpServletRequest request) {
		PartNames.checkVision(request, "question");
		var inputs = inputs(images, fileIds, model, systemInstruction);
		return this.service.ask(question, inputs).toFuture();
	}

	@PostMapping("/tokens")
	@Operation(summary = "Estimate the input tokens of each image",
			description = "No model call: Gemini 2.x tiles images (258 tokens per tile; both sides up to 384 px is one "
					+ "tile); Gemini 3 models charge per media resolution.")
	CompletableFuture<VisionResponse> tokens(
			@Parameter(description = IMAGES) @RequestPart(name = "images", required = false) List<MultipartFile> images,
			@Parameter(description = FILE_IDS) @RequestParam(name = "fileIds", required = false) List<String> fileIds,
			@Parameter(description = MODEL) @RequestParam(name = "model", required = false) String model,
			@Parameter(description = SYSTEM) @RequestParam(name = "systemInstruction",
					required = false) String systemInstruction,
			HttpServletRequest request) {
		PartNames.checkVision(request);
		return this.service.tokens(inputs(images, fileIds, model, systemInstruction)).toFuture();
	}

	private List<String> checkLabels(List<String> labels) {
		List<String> given = (labels != null) ? labels.stream().map(String::strip).filter((l) -> !l.isEmpty()).distinct().toList()
				: List.of();
		if (given.size() < 2) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "The part 'labels' needs at least 2 distinct labels.",
					Map.of("part", "labels"));
		}
		if (given.size() > this.limits.maxLabels()) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "At most " + this.limits.maxLabels() + " labels are allowed.",
					Map.of("part", "labels", "limit", this.limits.maxLabels(), "actual", given.size()));
		}
		given.stream().filter((label) -> label.length() > this.limits.maxLabelLength()).findFirst().ifPresent((label) -> {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"A label has " + label.length() + " characters; at most " + this.limits.maxLabelLength() + " are allowed.",
					Map.of("part", "labels", "limit", this.limits.maxLabelLength()));
		});
		return given;
	}

	static VisionInputs inputs(List<MultipartFile> images, List<String> fileIds, String model, String systemInstruction) {
		List<Upload> uploads = (images != null) ? images.stream()
			.map((file) -> new Upload(file.getOriginalFilename(), file.getContentType(), new MultipartBytes(file)))
			.toList() : List.of();
		List<String> ids = (fileIds != null) ? fileIds.stream().filter((id) -> !id.isBlank()).toList() : List.of();
		return new VisionInputs(uploads, ids, model, systemInstruction);
	}

}
