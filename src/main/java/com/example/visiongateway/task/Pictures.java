package com.example.visiongateway.task;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.image.PixelDecoder;
import com.example.visiongateway.model.ModelCatalog.Model;
import com.example.visiongateway.spatial.AnnotatedPicture;
import com.example.visiongateway.spatial.Detection;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The {@code Accept: image/*} answer of detect and segment: the caller's one picture,
 * upright, with boxes, labels and masks drawn on it. Everything that would make drawing
 * impossible is refused before Gemini is called.
 * <p>
 * The picture is drawn on the caller's own bytes, uploaded or fetched from
 * {@code imageUrls} (not on a downscaled copy), while the request still holds them. A
 * {@code fileIds} image cannot be drawn: the gateway keeps no copy of stored files and
 * the Files API offers no download of uploaded ones.
 */
@Component
public class Pictures {

	private final VisionService service;

	private final ImageLimits limits;

	private final PixelDecoder decoder;

	public Pictures(VisionService service, ImageLimits limits, PixelDecoder decoder) {
		this.service = service;
		this.limits = limits;
		this.decoder = decoder;
	}

	/** An encoded picture and its media type. */
	public record Picture(byte[] bytes, String mediaType) {
	}

	/**
	 * Runs the task on the single image and draws its detections; {@code format} is "png"
	 * or "jpeg".
	 */
	public Mono<Picture> annotated(PerImageTask task, VisionInputs inputs, String format) {
		if (inputs.imageCount() != 1) {
			throw new VisionException(ErrorCode.NOT_ACCEPTABLE, "An annotated picture can be answered for exactly one "
					+ "image; this request has " + inputs.imageCount() + ". Ask for application/json instead.");
		}
		if (!inputs.fileIds().isEmpty()) {
			throw new VisionException(ErrorCode.NOT_ACCEPTABLE,
					"A stored file (part 'fileIds') cannot be drawn on: the "
							+ "gateway keeps no copy of stored images and Gemini's Files API offers no download. Send the image "
							+ "itself (part 'images' or 'imageUrls'), or ask for application/json.");
		}
		Drawable drawable = new Drawable(task, this.limits.maxDrawPixels(), this.decoder, format,
				new AtomicReference<>());
		return this.service.perImage(drawable, inputs)
			.map((response) -> new Picture(drawable.drawn().get(), "image/" + format));
	}

	/**
	 * The task, plus the checks that drawing needs (a type the JVM decodes, of a size it
	 * can hold), and the drawing itself, made while the request's bytes (a fetched
	 * image's temp file) are still there.
	 */
	private record Drawable(PerImageTask task, long maxPixels, PixelDecoder decoder, String format,
			AtomicReference<byte[]> drawn) implements PerImageTask {

		@Override
		public String name() {
			return this.task.name();
		}

		@Override
		public String prompt(Model model) {
			return this.task.prompt(model);
		}

		@Override
		public void check(Model model) {
			this.task.check(model);
		}

		@Override
		public void check(InputImage image) {
			this.task.check(image);
			if (!image.info().type().decodable()) {
				throw new VisionException(ErrorCode.NOT_ACCEPTABLE,
						"The gateway cannot draw on " + image.mimeType()
								+ " images (the JVM has no decoder for them); ask for application/json instead.",
						Map.of("detectedMimeType", image.mimeType()));
			}
			if (image.info().pixels() > this.maxPixels) {
				throw new VisionException(ErrorCode.NOT_ACCEPTABLE,
						"The image has " + image.info().pixels() + " pixels; pictures are drawn for at most "
								+ this.maxPixels + ". Ask for application/json instead.",
						Map.of("limit", this.maxPixels, "actual", image.info().pixels()));
			}
			checkAffordable(image);
		}

		/**
		 * A picture whose decoding could never fit the decode budget is refused before
		 * Gemini is asked; one that fits but finds the budget spent waits or gets 503
		 * when drawn.
		 */
		private void checkAffordable(InputImage image) {
			try (PixelDecoder.Header header = this.decoder.open(image.held().orElseThrow().source(),
					image.info().type())) {
				if (header == null) {
					throw AnnotatedPicture.undecodable();
				}
				long cost = AnnotatedPicture.cost(header);
				if (!header.affordable(cost)) {
					throw new VisionException(ErrorCode.NOT_ACCEPTABLE,
							"Drawing on this image needs " + cost + " bytes of decoded pixels; the gateway decodes at "
									+ "most " + this.decoder.capacity() + " at once. Ask for application/json instead.",
							Map.of("limit", this.decoder.capacity(), "actual", cost));
				}
			}
		}

		@Override
		public Map<String, Object> parameters() {
			return this.task.parameters();
		}

		@Override
		public Map<String, Object> generationConfig(Model model) {
			return this.task.generationConfig(model);
		}

		@Override
		public ImageOutcome read(ModelAnswer answer, Model model, InputImage image, ImageDescriptor descriptor,
				Usage usage) {
			ImageOutcome result = this.task.read(answer, model, image, descriptor, usage);
			List<Detection> detections = (result instanceof ImageOutcome.Located located) ? located.detections()
					: List.of();
			this.drawn.set(AnnotatedPicture.draw(this.decoder, image.held().orElseThrow().source(), image.info(),
					detections, this.format));
			return result;
		}

		/**
		 * Decoding and drawing are real work, and a fetched image is read from disk:
		 * never on a network thread.
		 */
		@Override
		public boolean heavyRead() {
			return true;
		}

	}

}
