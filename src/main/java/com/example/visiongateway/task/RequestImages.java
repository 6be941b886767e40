package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.BudgetProperties;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.fetch.ImageFetcher;
import com.example.visiongateway.image.DownscaleProperties;
import com.example.visiongateway.image.Downscaler;
import com.example.visiongateway.image.Downscaler.Downscaled;
import com.example.visiongateway.image.ImageDigest;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.image.PixelDecoder;
import com.example.visiongateway.model.ModelCatalog.Model;
import com.example.visiongateway.observability.VisionMetrics;
import com.example.visiongateway.task.InputImage.Payload;
import com.example.visiongateway.task.VisionInputs.Upload;
import com.example.visiongateway.transfer.ImageFiles;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Gathers a request's images in contract order — uploads, then stored files, then URLs —
 * checking every one of them before anything is sent to Gemini, and downscales those the
 * caller (or the task's default) asked to shrink.
 */
@Component
class RequestImages {

	private final Intake intake;

	private final ImageFiles files;

	private final ImageFetcher fetcher;

	private final Downscaler downscaler;

	private final ImageLimits limits;

	private final TaskProperties tasks;

	private final VisionMetrics metrics;

	private final Budget disk;

	private final BudgetProperties budgets;

	RequestImages(Intake intake, ImageFiles files, ImageFetcher fetcher, ImageLimits limits, PixelDecoder decoder,
			DownscaleProperties downscale, TaskProperties tasks, VisionMetrics metrics,
			@Qualifier(BudgetConfiguration.DISK) Budget disk, BudgetProperties budgets) {
		this.disk = disk;
		this.budgets = budgets;
		this.intake = intake;
		this.files = files;
		this.fetcher = fetcher;
		this.downscaler = new Downscaler(decoder, downscale.jpegQuality());
		this.limits = limits;
		this.tasks = tasks;
		this.metrics = metrics;
	}

	/**
	 * Every image of the request, checked, in order; temp files it makes are registered
	 * with {@code cleanup}.
	 */
	Mono<List<InputImage>> gather(String task, VisionInputs inputs, Model model, Cleanup cleanup) {
		checkCount(inputs, model);
		Integer maxDimension = (inputs.maxDimension() != null) ? inputs.maxDimension()
				: this.tasks.maxDimension().get(task);
		List<InputImage> uploaded = new ArrayList<>(inputs.uploads().size());
		for (int i = 0; i < inputs.uploads().size(); i++) {
			uploaded.add(this.intake.check(i, inputs.uploads().get(i)));
		}
		int storedFrom = uploaded.size();
		int fetchedFrom = storedFrom + inputs.fileIds().size();
		Flux<InputImage> stored = Flux.range(0, inputs.fileIds().size())
			.flatMapSequential((i) -> stored(inputs.tenant(), storedFrom + i, inputs.fileIds().get(i)),
					this.tasks.fetchConcurrency());
		Flux<InputImage> fetched = Flux.range(0, inputs.imageUrls().size())
			.flatMapSequential((i) -> fetched(fetchedFrom + i, inputs.imageUrls().get(i), cleanup),
					this.tasks.fetchConcurrency());
		return Flux.concat(Flux.fromIterable(uploaded), stored, fetched)
			.flatMapSequential(
					(image) -> (maxDimension != null) ? downscaled(image, maxDimension, cleanup) : Mono.just(image),
					this.tasks.downscaleConcurrency())
			.collectList();
	}

	private void checkCount(VisionInputs inputs, Model model) {
		int count = inputs.imageCount();
		if (count == 0) {
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"Send at least one image in 'images', 'fileIds' or 'imageUrls'.", Map.of("part", "images"));
		}
		int limit = Math.min(this.limits.maxImagesPerRequest(), model.settings().maxImages());
		if (count > limit) {
			throw new VisionException(ErrorCode.TOO_MANY_IMAGES, "The request carries " + count + " images; at most "
					+ limit + " are allowed with model " + model.name() + ".", Map.of("limit", limit, "actual", count));
		}
	}

	private Mono<InputImage> stored(Tenant tenant, int index, String fileId) {
		return this.files.resolve(tenant, fileId)
			.map((file) -> new InputImage(index, file.displayName(), new InputImage.Stored(file.id(), file),
					file.info(), file.mimeType(), file.sizeBytes(), file.sha256(), List.of()))
			.onErrorMap(VisionException.class, (ex) -> ex.forImage(index));
	}

	private Mono<InputImage> fetched(int index, String url, Cleanup cleanup) {
		return this.fetcher.fetch(url)
			.map(cleanup::register)
			.publishOn(Schedulers.boundedElastic())
			// The server's Content-Type is not trusted: the type is decided from the
			// bytes, as for an upload.
			.map((image) -> this.intake.check(index, new Upload(null, null, image.bytes(), image.url())))
			.onErrorMap(VisionException.class, (ex) -> ex.forImage(index));
	}

	private Mono<InputImage> downscaled(InputImage image, int maxDimension, Cleanup cleanup) {
		if (image.held().isEmpty()) {
			return Mono.just(image);
		}
		Payload payload = image.held().get().payload();
		return Mono.fromCallable(() -> {
			Downscaled result = cleanup
				.register(this.downscaler.downscale(payload.bytes(), image.info(), maxDimension));
			if (!result.downscaled()) {
				return image.sending(payload, result.warnings());
			}
			// the copy is in its temp file by now; charged once its size is known
			cleanup.register(new Reservation(this.disk, this.budgets.maxWait())).add(result.bytes().size());
			this.metrics.bytesSaved(image.mimeType(), result.bytesSaved());
			String sha256 = ImageDigest.sha256Hex(result.bytes());
			return image.sending(new Payload(result.bytes(), result.info(), sha256), result.warnings());
		})
			.subscribeOn(Schedulers.boundedElastic())
			.onErrorMap(VisionException.class, (ex) -> ex.forImage(image.index()));
	}

}
