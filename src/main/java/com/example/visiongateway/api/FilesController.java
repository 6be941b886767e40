package com.example.visiongateway.api;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.observability.VisionMetrics;
import com.example.visiongateway.task.Intake;
import com.example.visiongateway.task.VisionInputs.Upload;
import com.example.visiongateway.transfer.ImageFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Images kept in Gemini's file store (48 hours), to reuse by id without sending the bytes
 * again.
 */
@RestController
@RequestMapping(path = "/v1/files", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "files", description = "Upload an image once, reuse it by id in every vision endpoint (fileIds)")
class FilesController {

	private static final int MAX_PAGE_SIZE = 100;

	private final Intake intake;

	private final ImageFiles files;

	private final VisionMetrics metrics;

	FilesController(Intake intake, ImageFiles files, VisionMetrics metrics) {
		this.intake = intake;
		this.files = files;
		this.metrics = metrics;
	}

	/**
	 * Times a files operation, its checks included, as {@code vision.requests} with task
	 * {@code files}.
	 */
	private <T> CompletableFuture<T> timed(Supplier<Mono<T>> work) {
		return this.metrics.timed("files", VisionMetrics.NO_MODEL, Mono.defer(work)).toFuture();
	}

	/** A page of stored files. */
	record FileListResponse(List<FileResponse> files, String nextPageToken) {
	}

	@PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Upload one image to Gemini's file store",
			description = "The image is checked like any other; identical bytes (SHA-256) the same caller uploaded "
					+ "earlier and still fresh are reused (deduplicated: true). The file belongs to the caller's key: "
					+ "other keys cannot see or use it. Answers once the file is ACTIVE.")
	CompletableFuture<ResponseEntity<FileResponse>> upload(
			@Parameter(description = "The image file.", required = true) @RequestPart(name = "file",
					required = false) MultipartFile file,
			@Parameter(description = "A name to show for it.") @RequestParam(name = "displayName",
					required = false) String displayName,
			HttpServletRequest request) {
		return timed(() -> {
			if (file == null) {
				throw new VisionException(ErrorCode.BAD_REQUEST, "The part 'file' is required.",
						Map.of("part", "file"));
			}
			String name = (displayName != null && !displayName.isBlank()) ? displayName : file.getOriginalFilename();
			var image = this.intake.check(0,
					new Upload(file.getOriginalFilename(), file.getContentType(), MultipartBytes.of(file)));
			return this.files
				.upload(Tenant.of(request), image.held().orElseThrow().payload().bytes(), image.info(), image.sha256(),
						name)
				.map((upload) -> ResponseEntity.status(upload.deduplicated() ? HttpStatus.OK : HttpStatus.CREATED)
					.body(FileResponse.of(upload.file(), upload.deduplicated())));
		});
	}

	@GetMapping
	@Operation(summary = "List the caller's stored files",
			description = "Only the caller's own files. A page may hold fewer than pageSize files (or none) while "
					+ "nextPageToken is set: follow it until it is absent.")
	CompletableFuture<FileListResponse> list(
			@Parameter(description = "Files per page, 1 to 100 (default 10).") @RequestParam(name = "pageSize",
					required = false) Integer pageSize,
			@Parameter(description = "The nextPageToken of the previous page.") @RequestParam(name = "pageToken",
					required = false) String pageToken,
			HttpServletRequest request) {
		return timed(() -> {
			if (pageSize != null && (pageSize < 1 || pageSize > MAX_PAGE_SIZE)) {
				throw new VisionException(ErrorCode.BAD_REQUEST,
						"pageSize must be between 1 and " + MAX_PAGE_SIZE + ".", Map.of("part", "pageSize"));
			}
			return this.files.list(Tenant.of(request), pageSize, pageToken)
				.map((page) -> new FileListResponse(
						page.files().stream().map((f) -> FileResponse.of(f, false)).toList(), page.nextPageToken()));
		});
	}

	@GetMapping("/{id}")
	@Operation(summary = "One stored file's metadata and state",
			description = "Another caller's file is 404 FILE_NOT_FOUND, like an unknown id.")
	CompletableFuture<FileResponse> get(@PathVariable("id") String id, HttpServletRequest request) {
		return timed(() -> this.files.get(Tenant.of(request), id).map((file) -> FileResponse.of(file, false)));
	}

	@DeleteMapping("/{id}")
	@Operation(summary = "Delete a stored file",
			description = "Another caller's file is 404 FILE_NOT_FOUND, like an unknown id.")
	CompletableFuture<ResponseEntity<Void>> delete(@PathVariable("id") String id, HttpServletRequest request) {
		return timed(() -> this.files.delete(Tenant.of(request), id)
			.then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build())));
	}

}
