package com.example.visiongateway.observability;

import java.util.Locale;

import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiApiException;
import com.example.visiongateway.gemini.GeminiTimeoutException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The gateway's own meters. Every tag has a small, fixed set of values (task, model from
 * the allow-list, outcome, MIME type, transfer): nothing a caller types ends up as a tag.
 */
@Component
public class VisionMetrics {

	/** The model tag when a request failed before a model was chosen. */
	public static final String NO_MODEL = "none";

	private final MeterRegistry registry;

	public VisionMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/** Times a request's work as {@code vision.requests}, tagged with how it ended. */
	public <T> Mono<T> timed(String task, String model, Mono<T> work) {
		return Mono.defer(() -> {
			Timer.Sample sample = Timer.start(this.registry);
			return work.doOnSuccess((result) -> stop(sample, task, model, "success"))
				.doOnError((ex) -> stop(sample, task, model, outcome(ex)))
				.doOnCancel(() -> stop(sample, task, model, "cancelled"));
		});
	}

	/**
	 * Times a streamed request's work as {@code vision.requests}, until the stream ends.
	 */
	public <T> Flux<T> timedMany(String task, String model, Flux<T> work) {
		return Flux.defer(() -> {
			Timer.Sample sample = Timer.start(this.registry);
			return work.doOnComplete(() -> stop(sample, task, model, "success"))
				.doOnError((ex) -> stop(sample, task, model, outcome(ex)))
				.doOnCancel(() -> stop(sample, task, model, "cancelled"));
		});
	}

	/** One image sent to Gemini, and how. */
	public void imageSent(String mimeType, String transfer) {
		Counter.builder("vision.images")
			.description("Images sent to Gemini")
			.tag("mime", mimeType)
			.tag("transfer", transfer.toLowerCase(Locale.ROOT))
			.register(this.registry)
			.increment();
	}

	/** The size of one accepted image. */
	public void imageBytes(String mimeType, long bytes) {
		DistributionSummary.builder("vision.image.bytes")
			.description("Sizes of accepted images")
			.baseUnit("bytes")
			.tag("mime", mimeType)
			.register(this.registry)
			.record(bytes);
	}

	/** Bytes a downscaled copy saved over the original. */
	public void bytesSaved(String mimeType, long bytes) {
		Counter.builder("vision.downscale.saved")
			.description("Bytes not sent thanks to maxDimension downscaling")
			.baseUnit("bytes")
			.tag("mime", mimeType)
			.register(this.registry)
			.increment(bytes);
	}

	/** Tokens Gemini reported for one call. */
	public void tokens(String model, int prompt, int output, int thoughts) {
		count("gemini.tokens", model, "prompt", prompt);
		count("gemini.tokens", model, "output", output);
		count("gemini.tokens", model, "thoughts", thoughts);
	}

	/** Whether an upload reused identical bytes already stored. */
	public void dedup(boolean hit) {
		Counter.builder("vision.files.dedup")
			.description("Files API uploads avoided (hit) or made (miss) by SHA-256 deduplication")
			.tag("result", hit ? "hit" : "miss")
			.register(this.registry)
			.increment();
	}

	private void count(String name, String model, String kind, int amount) {
		Counter.builder(name)
			.description("Tokens Gemini reported")
			.tag("model", model)
			.tag("kind", kind)
			.register(this.registry)
			.increment(amount);
	}

	private void stop(Timer.Sample sample, String task, String model, String outcome) {
		sample.stop(Timer.builder("vision.requests")
			.description("Vision requests, from the first check to the answer")
			.tag("task", task)
			.tag("model", model)
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.register(this.registry));
	}

	static String outcome(Throwable ex) {
		if (ex instanceof VisionException vision) {
			return switch (vision.code()) {
				case CONTENT_BLOCKED -> "blocked";
				case RATE_LIMITED -> "rate_limited";
				case UPSTREAM_TIMEOUT -> "timeout";
				case UPSTREAM_ERROR, UPSTREAM_UNAVAILABLE -> "upstream_error";
				default -> "client_error";
			};
		}
		if (ex instanceof GeminiTimeoutException) {
			return "timeout";
		}
		if (ex instanceof GeminiApiException api && api.httpStatus() == 429) {
			return "rate_limited";
		}
		return "upstream_error";
	}

}
