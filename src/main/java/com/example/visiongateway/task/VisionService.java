package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.cache.AnswerCache;
import com.example.visiongateway.cache.CacheKey;
import com.example.visiongateway.cache.CacheStatus;
import com.example.visiongateway.cache.Cached;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiClient;
import com.example.visiongateway.gemini.GenerateContentRequest;
import com.example.visiongateway.gemini.ModelGate;
import com.example.visiongateway.gemini.RequestPart;
import com.example.visiongateway.gemini.RequestPart.FileImagePart;
import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.gemini.wire.UsageMetadata;
import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.model.ModelCatalog;
import com.example.visiongateway.model.ModelCatalog.Model;
import com.example.visiongateway.model.ModelVersions;
import com.example.visiongateway.observability.RequestFacts;
import com.example.visiongateway.observability.VisionMetrics;
import com.example.visiongateway.task.InputImage.Payload;
import com.example.visiongateway.transfer.ImageFiles;
import com.example.visiongateway.transfer.Transfer;
import com.example.visiongateway.transfer.TransferPlanner;
import com.example.visiongateway.transfer.TransferProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Service;

/**
 * Runs a vision task: checks every image before anything goes upstream, plans how each
 * travels, and calls Gemini — once per image for per-image tasks (bounded fan-out, input
 * order kept), once for {@code ask}.
 */
@Service
public class VisionService {

	private final GeminiClient gemini;

	private final ModelCatalog models;

	private final RequestImages images;

	private final ImageFiles files;

	private final ImageLimits limits;

	private final TransferProperties transfer;

	private final TaskProperties tasks;

	private final VisionMetrics metrics;

	private final SafetyProperties safety;

	private final ModelVersions versions;

	private final AnswerCache cache;

	private final CachedAnswers cached;

	VisionService(GeminiClient gemini, ModelCatalog models, RequestImages images, ImageFiles files, ImageLimits limits,
			TransferProperties transfer, TaskProperties tasks, VisionMetrics metrics, SafetyProperties safety,
			ModelVersions versions, AnswerCache cache, CachedAnswers cached) {
		this.cache = cache;
		this.cached = cached;
		this.gemini = gemini;
		this.models = models;
		this.images = images;
		this.files = files;
		this.limits = limits;
		this.transfer = transfer;
		this.tasks = tasks;
		this.metrics = metrics;
		this.safety = safety;
		this.versions = versions;
	}

	/**
	 * One Gemini call per image; a blocked or unusable answer is that image's
	 * {@code error} when there are several. Never answered from the result cache (the
	 * annotated picture is drawn while each answer is read).
	 */
	public Mono<VisionAnswer> perImage(PerImageTask task, VisionInputs inputs) {
		return withModel(task.name(), inputs, (model, cleanup) -> runPerImage(task, inputs, model, cleanup, false))
			.map(Cached::answer);
	}

	/**
	 * As {@link #perImage}, answered from the result cache when it holds this request's
	 * answer; a complete answer is stored.
	 */
	public Mono<Cached<VisionAnswer>> perImageCached(PerImageTask task, VisionInputs inputs) {
		return withModel(task.name(), inputs, (model, cleanup) -> runPerImage(task, inputs, model, cleanup, true));
	}

	private Mono<Cached<VisionAnswer>> runPerImage(PerImageTask task, VisionInputs inputs, Model model, Cleanup cleanup,
			boolean cacheable) {
		task.check(model);
		checkText(inputs.systemInstruction(), "systemInstruction");
		checkText(task.prompt(model), "prompt");
		Map<String, Object> config = MediaResolutions.apply(task.generationConfig(model), inputs.mediaResolution(),
				model);
		var text = new TextPart(task.prompt(model));
		GenerateContentRequest withoutImage = request(model, List.of(text), inputs.systemInstruction(), config);
		return this.images.gather(task.name(), inputs, model, cleanup).flatMap((images) -> {
			images.forEach(task::check);
			List<Transfer> routes = images.stream().map((image) -> plan(List.of(image), withoutImage).get(0)).toList();
			Supplier<Mono<CachedAnswers.PerImage>> work = () -> {
				boolean isolate = images.size() > 1;
				AtomicReference<String> answeredBy = new AtomicReference<>();
				return Flux.range(0, images.size())
					.flatMapSequential(
							(i) -> one(task, model, images.get(i), routes.get(i), inputs, config, isolate, answeredBy),
							this.tasks.concurrency())
					.collectList()
					.map((results) -> CachedAnswers.PerImage.of(answeredBy.get(), results));
			};
			Mono<Cached<CachedAnswers.PerImage>> answered = cacheable
					? this.cache.answer(CachedAnswers.key(task.name(), task.parameters(), model, inputs, images),
							inputs.fresh(), this.cached.perImage(), work)
					: work.get().map((answer) -> new Cached<>(answer, CacheStatus.OFF));
			List<ImageDescriptor> described = describe(images, routes);
			return answered.map((cached) -> cached.map((answer) -> answer.answer(model.name(), described, images)));
		});
	}

	/**
	 * The input tokens of every image as it would be sent (after {@code maxDimension}):
	 * estimated without a model call, and with {@code exact} also counted by Gemini's
	 * countTokens, one call per image.
	 */
	public Mono<VisionAnswer> tokens(VisionInputs inputs, boolean exact) {
		return withModel("tokens", inputs, (model, cleanup) -> {
			MediaResolutions.check(inputs.mediaResolution(), model);
			return this.images.gather("tokens", inputs, model, cleanup)
				.flatMapMany((images) -> Flux.fromIterable(images)
					.flatMapSequential((image) -> tokens(image, model, inputs, exact), this.tasks.concurrency()))
				.collectList()
				.map((results) -> new VisionAnswer(model.name(), null, results, Usage.NONE));
		});
	}

	private Mono<ImageOutcome> tokens(InputImage image, Model model, VisionInputs inputs, boolean exact) {
		// What is sent: the downscaled copy when there is one.
		ImageInfo sent = image.sentInfo();
		Integer estimated = null;
		Integer tiles = null;
		List<String> warnings = new ArrayList<>(image.warnings());
		if (sent != null) {
			TokenEstimate estimate = TokenEstimator.estimate(sent, model.settings(), inputs.mediaResolution());
			estimated = estimate.estimated();
			tiles = estimate.tiles();
		}
		else {
			warnings.add("The image's dimensions are unknown (stored file not uploaded through this gateway), so no "
					+ "estimate can be made" + (exact ? "; Gemini's count is given." : "."));
		}
		if (!exact) {
			Transfer route = (image.origin() instanceof InputImage.Stored) ? Transfer.FILE_API : Transfer.INLINE;
			TokenEstimate tokens = (estimated != null) ? new TokenEstimate(estimated, tiles, null) : null;
			return Mono.just(new ImageOutcome.Counted(ImageDescriptor.of(image, route), tokens, warnings));
		}
		Integer estimatedTokens = estimated;
		Integer estimatedTiles = tiles;
		Transfer route = plan(List.of(image), request(model, List.of(new TextPart(" ")), null, null)).get(0);
		return part(inputs.tenant(), image, route)
			.flatMap((part) -> this.gemini.countTokens(model.name(), GenerateContentRequest.of(part)))
			.map((counted) -> new ImageOutcome.Counted(ImageDescriptor.of(image, route),
					new TokenEstimate(estimatedTokens, estimatedTiles, counted.totalTokens()), warnings));
	}

	/**
	 * One question about all the images together, in one Gemini call; answered from the
	 * result cache when it holds this request's answer.
	 */
	public Mono<Cached<AskResponse>> ask(String question, VisionInputs inputs) {
		return withModel("ask", inputs, (model, cleanup) -> runAsk(question, inputs, model, cleanup));
	}

	private Mono<Cached<AskResponse>> runAsk(String question, VisionInputs inputs, Model model, Cleanup cleanup) {
		if (question == null || question.isBlank()) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "The part 'question' is required.",
					Map.of("part", "question"));
		}
		checkText(question, "question");
		checkText(inputs.systemInstruction(), "systemInstruction");
		var config = MediaResolutions.apply(GenerationConfigs.forTask(model, "ask"), inputs.mediaResolution(), model);
		return this.images.gather("ask", inputs, model, cleanup).flatMap((images) -> {
			var text = new TextPart(question);
			List<Transfer> plan = plan(images, request(model, List.of(text), inputs.systemInstruction(), config));
			Supplier<Mono<CachedAnswers.Asked>> work = () -> parts(inputs.tenant(), images, plan).flatMap((parts) -> {
				List<RequestPart> all = new ArrayList<>(parts);
				all.add(text);
				for (int i = 0; i < images.size(); i++) {
					this.metrics.imageSent(images.get(i).mimeType(), plan.get(i).name());
				}
				return this.gemini
					.generateContent(model.name(), request(model, all, inputs.systemInstruction(), config))
					.contextWrite(ModelGate.estimate(estimate(images, model, inputs, question)));
			}).map((response) -> {
				countTokens(model, response.usageMetadata());
				this.versions.answered(model.name(), response.modelVersion());
				ModelAnswer answer = Answers.read(response);
				return new CachedAnswers.Asked(response.modelVersion(), answer.text().strip(), answer.finishReason(),
						Usage.from(response.usageMetadata()));
			});
			CacheKey key = CachedAnswers.key("ask", Map.of("question", question), model, inputs, images);
			List<ImageDescriptor> described = describe(images, plan);
			return this.cache.answer(key, inputs.fresh(), this.cached.asked(), work)
				.map((cached) -> cached.map((answer) -> answer.response(model.name(), described, images)));
		});
	}

	private static List<ImageDescriptor> describe(List<InputImage> images, List<Transfer> routes) {
		List<ImageDescriptor> described = new ArrayList<>(images.size());
		for (int i = 0; i < images.size(); i++) {
			described.add(ImageDescriptor.of(images.get(i), routes.get(i)));
		}
		return List.copyOf(described);
	}

	/**
	 * The image's outcome as the task read it, without the gateway's notes about the
	 * image (the answer adds those, so the cache keeps none of them).
	 */
	private Mono<ImageOutcome> one(PerImageTask task, Model model, InputImage image, Transfer route,
			VisionInputs inputs, Map<String, Object> config, boolean isolate, AtomicReference<String> answeredBy) {
		String systemInstruction = inputs.systemInstruction();
		var text = new TextPart(task.prompt(model));
		ImageDescriptor descriptor = ImageDescriptor.of(image, route);
		return part(inputs.tenant(), image, route).flatMap((part) -> {
			this.metrics.imageSent(image.mimeType(), route.name());
			return this.gemini
				.generateContent(model.name(), request(model, List.of(part, text), systemInstruction, config))
				.contextWrite(ModelGate.estimate(estimate(List.of(image), model, inputs, text.text())));
		}).doOnNext((response) -> {
			countTokens(model, response.usageMetadata());
			this.versions.answered(model.name(), response.modelVersion());
			if (response.modelVersion() != null) {
				answeredBy.compareAndSet(null, response.modelVersion());
			}
		})
			// Masks are real work: off the network threads. Anything lighter is read
			// where the answer arrived,
			// which saves a thread hop per request.
			.transform((answer) -> task.heavyRead() ? answer.publishOn(Schedulers.parallel()) : answer)
			.map((response) -> task.read(Answers.read(response), model, image, descriptor,
					Usage.from(response.usageMetadata())))
			.onErrorResume(AnswerException.class, (ex) -> {
				VisionException forImage = ex.forImage(image.index());
				return isolate ? Mono.just(new ImageOutcome.Failed(descriptor, forImage)) : Mono.error(forImage);
			});
	}

	/**
	 * Resolves the model and runs the work under the {@code vision.requests} timer; a
	 * failure before a model is chosen (an unknown name) is timed under
	 * {@link VisionMetrics#NO_MODEL}, never under the caller's text.
	 */
	private <T> Mono<T> withModel(String task, VisionInputs inputs, BiFunction<Model, Cleanup, Mono<T>> work) {
		Model model;
		try {
			model = this.models.resolve(inputs.model());
		}
		catch (VisionException ex) {
			return this.metrics.timed(task, VisionMetrics.NO_MODEL, Mono.error(ex));
		}
		RequestFacts.note(model.name(), inputs.imageCount());
		return this.metrics.timed(task, model.name(),
				Mono.using(Cleanup::new, (cleanup) -> work.apply(model, cleanup), Cleanup::close));
	}

	/** Input tokens a call will cost, for the model's tokens-per-minute budget. */
	private static long estimate(List<InputImage> images, Model model, VisionInputs inputs, String text) {
		long characters = ((text != null) ? text.length() : 0)
				+ ((inputs.systemInstruction() != null) ? inputs.systemInstruction().length() : 0);
		List<ImageInfo> sent = new ArrayList<>(images.size());
		for (InputImage image : images) {
			sent.add(image.sentInfo());
		}
		return TokenEstimator.callTokens(sent, model.settings(), inputs.mediaResolution(), characters);
	}

	private void countTokens(Model model, UsageMetadata usage) {
		Usage counted = Usage.from(usage);
		this.metrics.tokens(model.name(), counted.promptTokens(), counted.outputTokens(), counted.thoughtsTokens());
	}

	/** Which images fit inline; the rest go through the Files API, largest first. */
	private List<Transfer> plan(List<InputImage> images, GenerateContentRequest withoutImages) {
		List<TransferPlanner.Image> sizes = images.stream()
			.map((image) -> image.held()
				.map((held) -> TransferPlanner.Image.held(image.mimeType(), held.payload().bytes().size()))
				.orElseGet(() -> TransferPlanner.Image.stored(image.mimeType())))
			.toList();
		return TransferPlanner.plan(withoutImages, sizes, this.transfer.inlineRequestLimit().toBytes());
	}

	private Mono<List<RequestPart>> parts(Tenant tenant, List<InputImage> images, List<Transfer> plan) {
		return Flux.range(0, images.size())
			.flatMapSequential((i) -> part(tenant, images.get(i), plan.get(i)), this.transfer.uploadConcurrency())
			.collectList();
	}

	private Mono<RequestPart> part(Tenant tenant, InputImage image, Transfer route) {
		if (image.origin() instanceof InputImage.Stored stored) {
			return Mono.just(new FileImagePart(stored.file().uri(), image.mimeType()));
		}
		Payload payload = image.held().orElseThrow().payload();
		if (route == Transfer.INLINE) {
			return Mono.just(new InlineImagePart(payload.bytes(), image.mimeType()));
		}
		return this.files.upload(tenant, payload.bytes(), payload.info(), payload.sha256(), image.filename())
			.map((upload) -> new FileImagePart(upload.file().uri(), image.mimeType()));
	}

	private GenerateContentRequest request(Model model, List<RequestPart> parts, String systemInstruction,
			Map<String, Object> generationConfig) {
		return new GenerateContentRequest(parts, blankToNull(systemInstruction),
				(generationConfig == null || generationConfig.isEmpty()) ? null : generationConfig,
				this.safety.forModel(model.name()));
	}

	private void checkText(String text, String part) {
		int limit = this.limits.maxTextLength();
		if (text != null && text.length() > limit) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"The part '" + part + "' has " + text.length() + " characters; at most " + limit + " are allowed.",
					Map.of("part", part, "limit", limit, "actual", text.length()));
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

}
