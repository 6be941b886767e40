package com.example.visiongateway.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.example.visiongateway.cache.Cached;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.spatial.MaskFormat;
import com.example.visiongateway.task.AskResponse;
import com.example.visiongateway.task.PerImageTask;
import com.example.visiongateway.task.PerImageTasks;
import com.example.visiongateway.task.Pictures;
import com.example.visiongateway.task.VisionInputs;
import com.example.visiongateway.task.VisionService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springdoc.core.annotations.ParameterObject;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The vision endpoints: multipart in, JSON out; the Gemini calls run without holding the
 * request thread.
 */
@RestController
@RequestMapping(path = "/v1/vision", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
		produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "vision",
		description = "Image understanding with Gemini: captions, labels, answers, detections, masks and token estimates")
class VisionController {

	static final String X_CACHE = "X-Cache";

	private final VisionService service;

	private final PerImageTasks tasks;

	private final ImageLimits limits;

	private final Pictures pictures;

	VisionController(VisionService service, PerImageTasks tasks, ImageLimits limits, Pictures pictures) {
		this.service = service;
		this.tasks = tasks;
		this.limits = limits;
		this.pictures = pictures;
	}

	@PostMapping("/caption")
	@Operation(summary = "Caption each image",
			description = "One Gemini call per image (bounded concurrency, input order kept); one caption per result.")
	CompletableFuture<ResponseEntity<VisionResponse>> caption(@ParameterObject SharedParts shared,
			@Parameter(description = "The instruction for each image; default: a short factual caption.") @RequestParam(
					name = "prompt", required = false) String prompt,
			HttpServletRequest request) {
		return this.service.perImageCached(this.tasks.caption(prompt), shared.toInputs(request))
			.map((cached) -> withCacheStatus(cached, VisionResponse.of(cached.answer())))
			.toFuture();
	}

	@PostMapping("/classify")
	@Operation(summary = "Classify each image with the caller's labels",
			description = "Structured output restricts the answer to the given labels (a JSON schema enum). "
					+ "With multiLabel, every label that applies; otherwise exactly one.")
	CompletableFuture<ResponseEntity<VisionResponse>> classify(@ParameterObject SharedParts shared,
			@Parameter(description = "The labels to choose from (2 or more; repeat the part).",
					required = true) @RequestParam(name = "labels", required = false) List<String> labels,
			@Parameter(description = "Whether several labels may apply (default false).") @RequestParam(
					name = "multiLabel", defaultValue = "false") boolean multiLabel,
			HttpServletRequest request) {
		return this.service
			.perImageCached(this.tasks.classify(checkLabels(labels), multiLabel), shared.toInputs(request))
			.map((cached) -> withCacheStatus(cached, VisionResponse.of(cached.answer())))
			.toFuture();
	}

	@PostMapping("/ask")
	@Operation(summary = "Ask one question about all the images together",
			description = "Visual question answering and comparison: every image and the question go to Gemini in one "
					+ "call; images that would push the body over the inline limit go through the Files API.")
	CompletableFuture<ResponseEntity<AskResponse>> ask(
			@ParameterObject SharedParts shared, @Parameter(description = "The question.",
					required = true) @RequestParam(name = "question", required = false) String question,
			HttpServletRequest request) {
		return this.service.ask(question, shared.toInputs(request))
			.map((cached) -> withCacheStatus(cached, cached.answer()))
			.toFuture();
	}

	@PostMapping(path = "/detect",
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE })
	@Operation(summary = "Detect objects in each image, with pixel boxes",
			description = "Boxes come back as the model's normalized box2d [ymin, xmin, ymax, xmax] (0-1000) and as "
					+ "integer pixel boxes bbox [x1, y1, x2, y2] (x2/y2 exclusive) of the upright image. With Accept: "
					+ "image/png or image/jpeg and exactly one image (uploaded or from imageUrls), the answer is the "
					+ "picture with the boxes drawn on it; a fileIds image is 406, as the gateway keeps no copy of stored "
					+ "files and the Files API has no download.")
	@SpatialAnswer
	CompletableFuture<ResponseEntity<?>> detect(@ParameterObject SharedParts shared, @Parameter(
			description = "What to find, e.g. \"cats, coffee cups\"; default: every prominent item.") @RequestParam(
					name = "objects", required = false) String objects,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			HttpServletRequest request) {
		return spatial(this.tasks.detect(objects), shared.toInputs(request), accept);
	}

	@PostMapping(path = "/segment",
			produces = { MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE, MediaType.IMAGE_JPEG_VALUE })
	@Operation(summary = "Segment objects in each image: pixel boxes and masks (COCO RLE, PNG or polygons)",
			description = "Each detection carries bbox, box2d, mask and area (set pixels). By maskFormat the mask is "
					+ "rle (default: COCO compressed RLE over the whole upright image, size [height, width], column-major "
					+ "counts that pycocotools.mask.decode reads), png ({format, bbox, data}: the thresholded 1-bit mask of "
					+ "the box region at box size, base64) or polygon ({format, polygons}: the outer contour of each part, "
					+ "[x1, y1, x2, y2, …] in integer pixel corners of the whole upright image, simplified by at most half a "
					+ "pixel; holes are left out). Needs a model that produces masks (Gemini 2.5). With Accept: image/png "
					+ "or image/jpeg and exactly one image (uploaded or from imageUrls), the answer is the picture with "
					+ "boxes, labels and translucent masks drawn on it; maskFormat does not apply then.")
	@SpatialAnswer
	CompletableFuture<ResponseEntity<?>> segment(@ParameterObject SharedParts shared,
			@Parameter(description = "What to segment; default: every prominent item.") @RequestParam(name = "objects",
					required = false) String objects,
			@Parameter(
					description = "0-254, default 127: a mask pixel is set when its value is above it.") @RequestParam(
							name = "threshold", required = false) @Min(0) @Max(254) Integer threshold,
			@Parameter(description = "rle (default), png or polygon: the form of each mask.",
					schema = @Schema(allowableValues = { "rle", "png", "polygon" }, defaultValue = "rle",
							example = "polygon")) @RequestParam(name = "maskFormat",
									required = false) String maskFormat,
			@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
			HttpServletRequest request) {
		MaskFormat format = maskFormat(maskFormat);
		// A picture draws the masks itself, from RLE.
		format = (PictureFormats.requested(accept) != null) ? MaskFormat.RLE : format;
		return spatial(this.tasks.segment(objects, threshold, format), shared.toInputs(request), accept);
	}

	private CompletableFuture<ResponseEntity<?>> spatial(PerImageTask task, VisionInputs inputs, String accept) {
		String picture = PictureFormats.requested(accept);
		if (picture == null) {
			return this.service.perImageCached(task, inputs)
				.<ResponseEntity<?>>map((cached) -> withCacheStatus(cached, VisionResponse.of(cached.answer())))
				.toFuture();
		}
		return this.pictures.annotated(task, inputs, picture)
			.<ResponseEntity<?>>map((drawn) -> ResponseEntity.ok()
				.contentType(MediaType.parseMediaType(drawn.mediaType()))
				.body(drawn.bytes()))
			.toFuture();
	}

	@PostMapping("/tokens")
	@Operation(summary = "Estimate the input tokens of each image",
			description = "Estimates describe each image as it would be sent (after maxDimension): Gemini 2.x tiles "
					+ "images (258 tokens per tile; both sides up to 384 px is one tile); Gemini 3 models charge per media "
					+ "resolution (the mediaResolution part, else the model's). No model call unless exact=true, which "
					+ "also asks Gemini's countTokens for each image and answers its count as tokens.counted.")
	CompletableFuture<VisionResponse> tokens(@ParameterObject SharedParts shared,
			@Parameter(description = "true: also ask Gemini's countTokens for each image as it would be sent "
					+ "(one call per image); default false, no model call. The gateway sends countTokens the image alone, "
					+ "so Gemini counts it at the model's default media resolution.",
					schema = @Schema(type = "boolean", example = "true")) @RequestParam(name = "exact",
							defaultValue = "false") boolean exact,
			HttpServletRequest request) {
		return this.service.tokens(shared.toInputs(request), exact).map(VisionResponse::of).toFuture();
	}

	/**
	 * A 200 with {@code X-Cache: HIT} or {@code MISS} when the result cache is on, no
	 * such header when it is off.
	 */
	private static <T> ResponseEntity<T> withCacheStatus(Cached<?> cached, T body) {
		String status = cached.status().header();
		return (status != null) ? ResponseEntity.ok().header(X_CACHE, status).body(body) : ResponseEntity.ok(body);
	}

	private static MaskFormat maskFormat(String value) {
		if (value == null || value.isBlank()) {
			return MaskFormat.RLE;
		}
		MaskFormat format = MaskFormat.parse(value);
		if (format == null) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"The part 'maskFormat' must be rle, png or polygon; it was '" + Texts.abbreviate(value, 32) + "'.",
					Map.of("part", "maskFormat"));
		}
		return format;
	}

	private List<String> checkLabels(List<String> labels) {
		List<String> given = (labels != null)
				? labels.stream().map(String::strip).filter((l) -> !l.isEmpty()).distinct().toList() : List.of();
		if (given.size() < 2) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "The part 'labels' needs at least 2 distinct labels.",
					Map.of("part", "labels"));
		}
		if (given.size() > this.limits.maxLabels()) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"At most " + this.limits.maxLabels() + " labels are allowed.",
					Map.of("part", "labels", "limit", this.limits.maxLabels(), "actual", given.size()));
		}
		given.stream()
			.filter((label) -> label.length() > this.limits.maxLabelLength())
			.findFirst()
			.ifPresent((label) -> {
				throw new VisionException(
						ErrorCode.BAD_REQUEST, "A label has " + label.length() + " characters; at most "
								+ this.limits.maxLabelLength() + " are allowed.",
						Map.of("part", "labels", "limit", this.limits.maxLabelLength()));
			});
		return given;
	}

}
