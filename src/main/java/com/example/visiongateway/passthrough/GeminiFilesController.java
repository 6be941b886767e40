package com.example.visiongateway.passthrough;

import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.example.visiongateway.auth.ImageQuota;
import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.BudgetProperties;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.io.TempFileBytes;
import com.example.visiongateway.observability.RequestFacts;
import com.example.visiongateway.observability.VisionMetrics;
import com.example.visiongateway.task.InputImage;
import com.example.visiongateway.task.Intake;
import com.example.visiongateway.task.VisionInputs.Upload;
import com.example.visiongateway.transfer.ImageFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Gemini's Files API for Google's SDKs: the resumable upload lands on the gateway (its
 * session URL points back here), is checked like every upload once complete and stored
 * through {@link ImageFiles} as the caller's file; get, list and delete see the caller's
 * files only. Another caller's file is answered exactly like an unknown one.
 */
@RestController
@Tag(name = "gemini")
class GeminiFilesController {

	/**
	 * Where session URLs point: Google's own path shape on the gateway's origin. A Java
	 * SDK with base URL {@code <gateway>/gemini} puts the base URL's path in front of it
	 * ({@code /gemini/upload/...}); clients that use it as given, or swap only scheme,
	 * host and port, land here.
	 */
	static final String SESSION_PATH = "/upload/{version}/files";

	private static final String STATUS = "X-Goog-Upload-Status";

	private static final String RECEIVED = "X-Goog-Upload-Size-Received";

	private static final long MAX_START_BODY = 64 * 1024;

	private static final int MAX_PAGE_SIZE = 100;

	private final UploadSessions sessions;

	private final Intake intake;

	private final ImageFiles files;

	private final ImageLimits limits;

	private final VisionMetrics metrics;

	private final ObjectProvider<ImageQuota> quota;

	private final JsonMapper json;

	private final Budget heap;

	private final BudgetProperties budgets;

	GeminiFilesController(UploadSessions sessions, Intake intake, ImageFiles files, ImageLimits limits,
			VisionMetrics metrics, ObjectProvider<ImageQuota> quota, JsonMapper json,
			@Qualifier(BudgetConfiguration.HEAP) Budget heap, BudgetProperties budgets) {
		this.sessions = sessions;
		this.intake = intake;
		this.files = files;
		this.limits = limits;
		this.metrics = metrics;
		this.quota = quota;
		this.json = json;
		this.heap = heap;
		this.budgets = budgets;
	}

	@PostMapping({ "/gemini/upload/{version}/files", SESSION_PATH })
	@Operation(summary = "Files API upload (resumable), as Gemini's",
			description = "Start (X-Goog-Upload-Protocol: resumable, X-Goog-Upload-Command: start) answers an "
					+ "X-Goog-Upload-URL on the gateway; chunks (upload), query and finalize go there. The image is "
					+ "checked like any upload when finalized and belongs to the caller.")
	CompletableFuture<ResponseEntity<?>> upload(@PathVariable("version") String version, HttpServletRequest request)
			throws IOException {
		checkVersion(version);
		String uploadId = query(request, "upload_id");
		if (uploadId == null && request.getRequestURI().startsWith(request.getContextPath() + "/gemini/")) {
			return CompletableFuture.completedFuture(start(version, request));
		}
		if (uploadId == null) {
			throw new VisionException(ErrorCode.NOT_FOUND, "Uploads start at /gemini/upload/{version}/files.");
		}
		UploadSession session = this.sessions.find(uploadId)
			.orElseThrow(() -> new VisionException(ErrorCode.NOT_FOUND,
					"Upload session " + Texts.abbreviate(uploadId, 64) + " not found."));
		Set<String> command = command(request);
		if (command.equals(Set.of("query"))) {
			return CompletableFuture.completedFuture(active(session));
		}
		if (command.equals(Set.of("cancel"))) {
			this.sessions.cancel(session.id());
			return CompletableFuture.completedFuture(ResponseEntity.ok().header(STATUS, "cancelled").build());
		}
		if (!Set.of("upload").equals(command) && !Set.of("upload", "finalize").equals(command)
				&& !Set.of("finalize").equals(command)) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "Unsupported X-Goog-Upload-Command "
					+ Texts.abbreviate(String.join(", ", command), 60) + ": upload, finalize, query or cancel.");
		}
		if (command.contains("upload")) {
			try (Reservation buffer = new Reservation(this.heap, this.budgets.maxWait())) {
				buffer.add(UploadSession.BLOCK);
				session.append(offset(request), request.getInputStream());
			}
		}
		if (!command.contains("finalize")) {
			return CompletableFuture.completedFuture(active(session));
		}
		return finish(session, request);
	}

	@GetMapping("/gemini/{version}/files/{id}")
	@Operation(summary = "Files API get, as Gemini's", description = "One of the caller's files.")
	CompletableFuture<Map<String, Object>> get(@PathVariable("version") String version, @PathVariable("id") String id,
			HttpServletRequest request) {
		checkVersion(version);
		return timed(() -> this.files.get(Tenant.of(request), id).map(GeminiFileResources::of));
	}

	@GetMapping("/gemini/{version}/files")
	@Operation(summary = "Files API list, as Gemini's",
			description = "The caller's files only; a page may hold fewer than pageSize while nextPageToken is set.")
	CompletableFuture<Map<String, Object>> list(@PathVariable("version") String version,
			@RequestParam(name = "pageSize", required = false) Integer pageSize,
			@RequestParam(name = "pageToken", required = false) String pageToken, HttpServletRequest request) {
		checkVersion(version);
		if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "pageSize must be between 1 and " + MAX_PAGE_SIZE + ".");
		}
		return timed(() -> this.files.list(Tenant.of(request), pageSize, pageToken)
			.map((page) -> GeminiFileResources.page(page.files(), page.nextPageToken())));
	}

	@DeleteMapping("/gemini/{version}/files/{id}")
	@Operation(summary = "Files API delete, as Gemini's", description = "One of the caller's files; answers {}.")
	CompletableFuture<Map<String, Object>> delete(@PathVariable("version") String version,
			@PathVariable("id") String id, HttpServletRequest request) {
		checkVersion(version);
		return timed(() -> this.files.delete(Tenant.of(request), id).then(Mono.fromSupplier(Map::<String, Object>of)));
	}

	private ResponseEntity<?> start(String version, HttpServletRequest request) throws IOException {
		if (!"resumable".equalsIgnoreCase(request.getHeader("X-Goog-Upload-Protocol"))
				|| !Set.of("start").equals(command(request))) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "Only resumable uploads are supported: send "
					+ "X-Goog-Upload-Protocol: resumable and X-Goog-Upload-Command: start.");
		}
		JsonNode file = startBody(request).path("file");
		long size = size(request.getHeader("X-Goog-Upload-Header-Content-Length"),
				field(file, "sizeBytes", "size_bytes"));
		long limit = this.limits.maxImageSize().toBytes();
		if (size > limit) {
			throw new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
					"Image of " + size + " bytes is over the limit of " + limit + " bytes.",
					Map.of("limit", limit, "actual", size));
		}
		String mimeType = firstPresent(request.getHeader("X-Goog-Upload-Header-Content-Type"),
				field(file, "mimeType", "mime_type").asString(null));
		Tenant caller = Tenant.of(request);
		ImageQuota images = this.quota.getIfAvailable();
		if (images != null) {
			images.charge(caller, 1);
		}
		UploadSession session = this.sessions.open(caller, size, mimeType,
				field(file, "displayName", "display_name").asString(null));
		String url = ServletUriComponentsBuilder.fromContextPath(request)
			.path(SESSION_PATH)
			.queryParam("upload_id", session.id())
			.queryParam("upload_protocol", "resumable")
			.buildAndExpand(version)
			.toUriString();
		return ResponseEntity.ok()
			.header("X-Goog-Upload-URL", url)
			.header(STATUS, "active")
			.header("X-Goog-Upload-Chunk-Granularity", "8388608")
			.build();
	}

	private CompletableFuture<ResponseEntity<?>> finish(UploadSession open, HttpServletRequest request) {
		TempFileBytes bytes = open.bytes();
		UploadSession session = this.sessions.take(open.id())
			.orElseThrow(() -> new VisionException(ErrorCode.BAD_REQUEST, "The upload is already finalized."));
		return timed(() -> {
			InputImage image = this.intake.check(0, new Upload(session.displayName(), session.mimeType(), bytes));
			RequestFacts.note(request, VisionMetrics.NO_MODEL, 1);
			return this.files.upload(session.owner(), bytes, image.info(), image.sha256(), session.displayName())
				.<ResponseEntity<?>>map((upload) -> ResponseEntity.ok()
					.header(STATUS, "final")
					.contentType(MediaType.APPLICATION_JSON)
					.body(Map.of("file", GeminiFileResources.of(upload.file()))));
		}).whenComplete((answer, failure) -> session.discard());
	}

	private <T> CompletableFuture<T> timed(Supplier<Mono<T>> work) {
		return this.metrics.timed(GeminiModels.TASK, VisionMetrics.NO_MODEL, Mono.defer(work)).toFuture();
	}

	private static ResponseEntity<?> active(UploadSession session) {
		return ResponseEntity.ok().header(STATUS, "active").header(RECEIVED, Long.toString(session.received())).build();
	}

	private JsonNode startBody(HttpServletRequest request) throws IOException {
		try (Reservation held = new Reservation(this.heap, this.budgets.maxWait())) {
			byte[] body = CallerBody.read(request, MAX_START_BODY, held);
			return (body.length == 0) ? this.json.createObjectNode() : this.json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "Invalid JSON payload received.");
		}
	}

	private static void checkVersion(String version) {
		if (!GeminiModels.VERSIONS.contains(version)) {
			throw new VisionException(ErrorCode.NOT_FOUND,
					"No API version " + Texts.abbreviate(version, 20) + " (v1 and v1beta are served).");
		}
	}

	private static Set<String> command(HttpServletRequest request) {
		String header = request.getHeader("X-Goog-Upload-Command");
		return Arrays.stream(String.valueOf(header).split(","))
			.map((word) -> word.trim().toLowerCase(Locale.ROOT))
			.filter((word) -> !word.isEmpty())
			.collect(Collectors.toSet());
	}

	private static long offset(HttpServletRequest request) {
		try {
			return Long.parseLong(String.valueOf(request.getHeader("X-Goog-Upload-Offset")).strip());
		}
		catch (NumberFormatException ex) {
			throw new VisionException(ErrorCode.BAD_REQUEST, "An upload chunk needs a numeric X-Goog-Upload-Offset.");
		}
	}

	private static long size(String header, JsonNode declared) {
		String text = firstPresent(header, declared.isMissingNode() ? null : declared.asString(null));
		try {
			long size = Long.parseLong(String.valueOf(text).strip());
			if (size > 0) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// answered below
		}
		throw new VisionException(ErrorCode.BAD_REQUEST,
				"The upload's size is missing or not a positive number (X-Goog-Upload-Header-Content-Length).");
	}

	private static JsonNode field(JsonNode node, String camel, String snake) {
		JsonNode value = node.path(camel);
		return value.isMissingNode() ? node.path(snake) : value;
	}

	private static String firstPresent(String first, String second) {
		return (first != null && !first.isBlank()) ? first : second;
	}

	/**
	 * A query parameter from the query string alone: a chunk's body must never be read as
	 * a form.
	 */
	private static String query(HttpServletRequest request, String name) {
		String query = request.getQueryString();
		return (query != null) ? UriComponentsBuilder.newInstance().query(query).build().getQueryParams().getFirst(name)
				: null;
	}

}
