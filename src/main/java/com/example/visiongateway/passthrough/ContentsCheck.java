package com.example.visiongateway.passthrough;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.io.HeapBytes;
import com.example.visiongateway.model.ModelCatalog;
import com.example.visiongateway.task.InputImage;
import com.example.visiongateway.task.Intake;
import com.example.visiongateway.task.TokenEstimator;
import com.example.visiongateway.task.VisionInputs.Upload;
import com.example.visiongateway.transfer.ImageFiles;
import com.example.visiongateway.transfer.Transfer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Applies the gateway's rules to a body written by a Google SDK, wherever its parts are
 * ({@code contents}, {@code systemInstruction}, countTokens'
 * {@code generateContentRequest}): every inline part must be an image the gateway accepts
 * (type from the bytes, size and pixel limits, exactly as uploads are checked), every
 * file part must name a file of the caller's (stored through the gateway, ACTIVE), and
 * the images together must fit the model's and the gateway's per-request limits. Both
 * spellings Google accepts, camelCase and snake_case, are read.
 */
@Component
class ContentsCheck {

	private final Intake intake;

	private final ImageFiles files;

	private final ImageLimits limits;

	private final JsonMapper json;

	ContentsCheck(Intake intake, ImageFiles files, ImageLimits limits, JsonMapper json) {
		this.intake = intake;
		this.files = files;
		this.limits = limits;
		this.json = json;
	}

	/**
	 * A body fit to forward, the images it carries in order, and the input tokens it is
	 * estimated to cost (for the model's tokens-per-minute budget).
	 */
	record Checked(byte[] body, List<SentImage> images, long estimatedTokens) {
	}

	/** One image as it travels: its type and its route (inline or a file). */
	record SentImage(String mimeType, Transfer transfer, ImageInfo info) {
	}

	/**
	 * The checked body, re-written with the detected image types and the files' own URIs
	 * (the caller's own bytes when no part needed that). Every byte held is charged to
	 * {@code heap}: the parsed tree, each decoded image while it is checked, a re-written
	 * body.
	 */
	Mono<Checked> check(Tenant caller, ModelCatalog.Model model, byte[] body, Reservation heap) {
		return Mono.defer(() -> {
			heap.add(body.length);
			JsonNode root = parse(body);
			List<ObjectNode> inline = new ArrayList<>();
			List<ObjectNode> stored = new ArrayList<>();
			long[] textCharacters = { 0 };
			collect(root, inline, stored, textCharacters);
			int images = inline.size() + stored.size();
			int allowed = Math.min(this.limits.maxImagesPerRequest(), model.settings().maxImages());
			if (images > allowed) {
				throw new VisionException(
						ErrorCode.TOO_MANY_IMAGES, "The request carries " + images + " images; model " + model.name()
								+ " takes at most " + allowed + " per request.",
						Map.of("limit", allowed, "actual", images));
			}
			List<SentImage> sent = new ArrayList<>(images);
			AtomicBoolean rewritten = new AtomicBoolean();
			for (int i = 0; i < inline.size(); i++) {
				sent.add(checkInline(i, inline.get(i), heap, rewritten));
			}
			return Flux.fromIterable(stored)
				.concatMap((part) -> resolve(caller, part, rewritten))
				.collectList()
				.map((files) -> {
					sent.addAll(files);
					// Written anew only when a part was corrected: writing a large body
					// costs more than reading it
					byte[] forwarded = body;
					if (rewritten.get()) {
						forwarded = this.json.writeValueAsBytes(root);
						heap.add(forwarded.length);
					}
					List<ImageInfo> infos = sent.stream().map(SentImage::info).toList();
					return new Checked(forwarded, List.copyOf(sent),
							TokenEstimator.callTokens(infos, model.settings(), null, textCharacters[0]));
				});
		});
	}

	private JsonNode parse(byte[] body) {
		try {
			JsonNode root = this.json.readTree(body);
			if (root == null || !root.isObject()) {
				throw new VisionException(ErrorCode.BAD_REQUEST, "Invalid JSON payload received: not an object.");
			}
			return root;
		}
		catch (JacksonException ex) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "Invalid JSON payload received.");
		}
	}

	/**
	 * Every object holding an inline or a file part, however deep, and the characters of
	 * every text part; Jackson's nesting limit bounds the depth.
	 */
	private static void collect(JsonNode node, List<ObjectNode> inline, List<ObjectNode> stored,
			long[] textCharacters) {
		if (node instanceof ObjectNode object) {
			JsonNode text = object.get("text");
			if (text != null && text.isString()) {
				textCharacters[0] += text.asString().length();
			}
			JsonNode data = field(object, "inlineData", "inline_data");
			if (data instanceof ObjectNode part) {
				inline.add(part);
			}
			JsonNode file = field(object, "fileData", "file_data");
			if (file instanceof ObjectNode part) {
				stored.add(part);
			}
		}
		if (node.isContainer()) {
			for (JsonNode child : node) {
				collect(child, inline, stored, textCharacters);
			}
		}
	}

	private SentImage checkInline(int index, ObjectNode part, Reservation heap, AtomicBoolean rewritten) {
		byte[] bytes = decode(index, text(part, "data", "data"));
		heap.add(bytes.length);
		try {
			InputImage image = this.intake.check(index,
					new Upload(null, text(part, "mimeType", "mime_type"), new HeapBytes(bytes)));
			// The type the bytes show, in the spelling the caller used
			set(part, "mimeType", "mime_type", image.info().type().mimeType(), rewritten);
			return new SentImage(image.info().type().mimeType(), Transfer.INLINE, image.info());
		}
		finally {
			heap.give(bytes.length);
		}
	}

	private Mono<SentImage> resolve(Tenant caller, ObjectNode part, AtomicBoolean rewritten) {
		String uri = text(part, "fileUri", "file_uri");
		if (uri == null || uri.isBlank()) {
			return Mono.error(new VisionException(ErrorCode.BAD_REQUEST, "A fileData part needs a fileUri."));
		}
		return this.files.resolve(caller, uri).map((file) -> {
			set(part, "fileUri", "file_uri", file.uri(), rewritten);
			set(part, "mimeType", "mime_type", file.mimeType(), rewritten);
			return new SentImage(file.mimeType(), Transfer.FILE_API, file.info());
		});
	}

	/**
	 * Sets a field in the spelling the caller used, noting in {@code rewritten} when that
	 * changed it.
	 */
	private static void set(ObjectNode part, String camel, String snake, String value, AtomicBoolean rewritten) {
		String name = part.has(snake) ? snake : camel;
		if (!value.equals(text(part, name, name))) {
			part.put(name, value);
			rewritten.set(true);
		}
	}

	private static byte[] decode(int index, String data) {
		if (data == null || data.isEmpty()) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "An inlineData part has no data.",
					Map.of("imageIndex", index));
		}
		try {
			return Base64.getDecoder().decode(data);
		}
		catch (IllegalArgumentException notStandard) {
			try {
				return Base64.getUrlDecoder().decode(data);
			}
			catch (IllegalArgumentException notBase64) {
				throw new VisionException(ErrorCode.BAD_REQUEST, "An inlineData part's data is not valid base64.",
						Map.of("imageIndex", index));
			}
		}
	}

	private static JsonNode field(JsonNode node, String camel, String snake) {
		JsonNode value = node.get(camel);
		return (value != null) ? value : node.get(snake);
	}

	private static String text(JsonNode node, String camel, String snake) {
		JsonNode value = field(node, camel, snake);
		return (value != null && value.isString()) ? value.asString() : null;
	}

}
