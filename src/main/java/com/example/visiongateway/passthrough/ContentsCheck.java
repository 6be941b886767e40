package com.example.visiongateway.passthrough;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.io.HeapBytes;
import com.example.visiongateway.task.InputImage;
import com.example.visiongateway.task.Intake;
import com.example.visiongateway.model.ModelCatalog;
import com.example.visiongateway.task.VisionInputs.Upload;
import com.example.visiongateway.transfer.ImageFiles;
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

	/** A body fit to forward, and the images it carries. */
	record Checked(byte[] body, int images) {
	}

	/**
	 * The checked body, re-written with the detected image types and the files' own URIs.
	 * Every byte held is charged to {@code heap}: the parsed tree, each decoded image
	 * while it is checked, the body to forward.
	 */
	Mono<Checked> check(Tenant caller, ModelCatalog.Model model, byte[] body, Reservation heap) {
		return Mono.defer(() -> {
			heap.add(body.length);
			JsonNode root = parse(body);
			List<ObjectNode> inline = new ArrayList<>();
			List<ObjectNode> stored = new ArrayList<>();
			collect(root, inline, stored);
			int images = inline.size() + stored.size();
			int allowed = Math.min(this.limits.maxImagesPerRequest(), model.settings().maxImages());
			if (images > allowed) {
				throw new VisionException(
						ErrorCode.TOO_MANY_IMAGES, "The request carries " + images + " images; model " + model.name()
								+ " takes at most " + allowed + " per request.",
						Map.of("limit", allowed, "actual", images));
			}
			for (int i = 0; i < inline.size(); i++) {
				checkInline(i, inline.get(i), heap);
			}
			return Flux.fromIterable(stored).concatMap((part) -> resolve(caller, part)).then(Mono.fromCallable(() -> {
				byte[] forwarded = this.json.writeValueAsBytes(root);
				heap.add(forwarded.length);
				return new Checked(forwarded, images);
			}));
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
	 * Every object holding an inline or a file part, however deep; Jackson's nesting
	 * limit bounds the depth.
	 */
	private static void collect(JsonNode node, List<ObjectNode> inline, List<ObjectNode> stored) {
		if (node instanceof ObjectNode object) {
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
				collect(child, inline, stored);
			}
		}
	}

	private void checkInline(int index, ObjectNode part, Reservation heap) {
		byte[] bytes = decode(index, text(part, "data", "data"));
		heap.add(bytes.length);
		try {
			InputImage image = this.intake.check(index,
					new Upload(null, text(part, "mimeType", "mime_type"), new HeapBytes(bytes)));
			// The type the bytes show, in the spelling the caller used
			part.put(part.has("mime_type") ? "mime_type" : "mimeType", image.info().type().mimeType());
		}
		finally {
			heap.give(bytes.length);
		}
	}

	private Mono<Void> resolve(Tenant caller, ObjectNode part) {
		String uri = text(part, "fileUri", "file_uri");
		if (uri == null || uri.isBlank()) {
			return Mono.error(new VisionException(ErrorCode.BAD_REQUEST, "A fileData part needs a fileUri."));
		}
		return this.files.resolve(caller, uri).doOnNext((file) -> {
			part.put(part.has("file_uri") ? "file_uri" : "fileUri", file.uri());
			part.put(part.has("mime_type") ? "mime_type" : "mimeType", file.mimeType());
		}).then();
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
