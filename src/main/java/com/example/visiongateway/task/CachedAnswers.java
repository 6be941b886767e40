package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.cache.CacheKey;
import com.example.visiongateway.cache.Codec;
import com.example.visiongateway.model.ModelCatalog.Model;
import com.example.visiongateway.spatial.CocoRle;
import com.example.visiongateway.spatial.DetectionMask;
import com.example.visiongateway.spatial.PngMask;
import com.example.visiongateway.spatial.PolygonOutline;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * What the result cache keeps of the vision answers, as JSON, and the key of a request.
 * An answer is stored without anything that belongs to the request that asked (the
 * images' descriptions, the gateway's notes about them): a request answered from the
 * cache gets its own.
 */
@Component
class CachedAnswers {

	/** Only a model that finished of its own accord gave a complete answer. */
	private static final String COMPLETE = "STOP";

	private final JsonMapper json;

	CachedAnswers(JsonMapper json) {
		// Type names for the stored outcomes and masks live here, not on the domain
		// records, whose JSON the API does not write
		this.json = json.rebuild()
			.addMixIn(ImageOutcome.class, OutcomeTypes.class)
			.addMixIn(DetectionMask.class, MaskTypes.class)
			.build();
	}

	/**
	 * The request's key: the task's own parameters and the shared ones; null when an
	 * image's SHA-256 is unknown (a stored file the gateway did not upload).
	 */
	static CacheKey key(String endpoint, Map<String, Object> parameters, Model model, VisionInputs inputs,
			List<InputImage> images) {
		if (images.stream().anyMatch((image) -> image.sha256() == null)) {
			return null;
		}
		Map<String, Object> all = new LinkedHashMap<>(parameters);
		String instruction = inputs.systemInstruction();
		all.put("systemInstruction", (instruction == null || instruction.isBlank()) ? null : instruction);
		all.put("maxDimension", inputs.maxDimension());
		all.put("mediaResolution", inputs.mediaResolution());
		return new CacheKey(inputs.tenant().id(), endpoint, model.name(), all,
				images.stream().map(InputImage::sha256).toList());
	}

	Codec<PerImage> perImage() {
		return new JsonCodec<>(PerImage.class) {

			@Override
			public boolean complete(PerImage answer) {
				return answer.results().stream().allMatch((outcome) -> COMPLETE.equals(outcome.finishReason()));
			}

		};
	}

	Codec<Asked> asked() {
		return new JsonCodec<>(Asked.class) {

			@Override
			public boolean complete(Asked answer) {
				return COMPLETE.equals(answer.finishReason());
			}

		};
	}

	/**
	 * A per-image answer as the cache keeps it: outcomes without their images'
	 * descriptions or the gateway's notes, in input order.
	 */
	record PerImage(String modelVersion, List<ImageOutcome> results) {

		static PerImage of(String modelVersion, List<ImageOutcome> results) {
			return new PerImage(modelVersion, results.stream().map((outcome) -> outcome.withImage(null)).toList());
		}

		/** The answer to the request whose images these are. */
		VisionAnswer answer(String model, List<ImageDescriptor> described, List<InputImage> images) {
			List<ImageOutcome> outcomes = new ArrayList<>(this.results.size());
			for (int i = 0; i < this.results.size(); i++) {
				outcomes
					.add(this.results.get(i).withImage(described.get(i)).withWarningsFirst(images.get(i).warnings()));
			}
			Usage usage = outcomes.stream().map(ImageOutcome::usage).reduce(Usage.NONE, Usage::plus);
			return new VisionAnswer(model, this.modelVersion, List.copyOf(outcomes), usage);
		}

	}

	/** An {@code ask} answer as the cache keeps it: without the images' descriptions. */
	record Asked(String modelVersion, String answer, String finishReason, Usage usage) {

		AskResponse response(String model, List<ImageDescriptor> described, List<InputImage> images) {
			List<String> warnings = images.stream().flatMap((image) -> image.warnings().stream()).toList();
			return new AskResponse(model, this.modelVersion, this.answer, described, this.finishReason, this.usage,
					warnings);
		}

	}

	private abstract class JsonCodec<T> implements Codec<T> {

		private final Class<T> type;

		JsonCodec(Class<T> type) {
			this.type = type;
		}

		@Override
		public byte[] write(T answer) {
			return CachedAnswers.this.json.writeValueAsBytes(answer);
		}

		@Override
		public T read(byte[] stored) {
			return CachedAnswers.this.json.readValue(stored, this.type);
		}

	}

	/** Failed and Counted outcomes are never stored, so they have no name here. */
	@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
	@JsonSubTypes({ @JsonSubTypes.Type(value = ImageOutcome.Captioned.class, name = "captioned"),
			@JsonSubTypes.Type(value = ImageOutcome.Classified.class, name = "classified"),
			@JsonSubTypes.Type(value = ImageOutcome.Located.class, name = "located") })
	private interface OutcomeTypes {

	}

	/**
	 * The mask forms have distinct members ({@code counts}, {@code data},
	 * {@code polygons}), so each is told from its own fields and the JSON is the API's.
	 */
	@JsonTypeInfo(use = JsonTypeInfo.Id.DEDUCTION)
	@JsonSubTypes({ @JsonSubTypes.Type(CocoRle.class), @JsonSubTypes.Type(PngMask.class),
			@JsonSubTypes.Type(PolygonOutline.class) })
	private interface MaskTypes {

	}

}
