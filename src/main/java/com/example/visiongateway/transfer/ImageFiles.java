package com.example.visiongateway.transfer;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiApiException;
import com.example.visiongateway.gemini.GeminiClient;
import com.example.visiongateway.gemini.wire.GeminiFile;
import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.observability.VisionMetrics;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * Images in Gemini's file store: uploads deduplicated by SHA-256 (also while an upload of the same bytes is still
 * running), waited on until ACTIVE, and looked up again by id.
 */
@Component
public class ImageFiles {

	private final GeminiClient client;

	private final TransferProperties properties;

	private final FileRegistry registry;

	private final Map<String, Mono<RegisteredFile>> inFlight = new ConcurrentHashMap<>();

	private final VisionMetrics metrics;

	public ImageFiles(GeminiClient client, TransferProperties properties, Clock clock, VisionMetrics metrics) {
		this.client = client;
		this.metrics = metrics;
		this.properties = properties;
		this.registry = new FileRegistry(properties, clock);
	}

	/** An uploaded (or reused) file, and whether it was reused. */
	public record Upload(RegisteredFile file, boolean deduplicated) {
	}

	/** Uploads the bytes unless the same bytes are already stored and fresh; answers once the file is ACTIVE. */
	public Mono<Upload> upload(ByteSource bytes, ImageInfo info, String sha256, String displayName) {
		if (this.properties.dedup()) {
			var known = this.registry.findBySha256(sha256);
			if (known.isPresent()) {
				this.metrics.dedup(true);
				return Mono.just(new Upload(known.get(), true));
			}
			boolean[] started = new boolean[1];
			Mono<RegisteredFile> shared = this.inFlight.computeIfAbsent(sha256, (key) -> {
				started[0] = true;
				return uploadAndWait(bytes, info, sha256, displayName)
					.doOnNext(this.registry::remember)
					.doFinally((signal) -> this.inFlight.remove(key))
					.cache();
			});
			this.metrics.dedup(!started[0]);
			return shared.map((file) -> new Upload(file, !started[0]));
		}
		return uploadAndWait(bytes, info, sha256, displayName).map((file) -> new Upload(file, false));
	}

	/** A file named by a caller's {@code fileIds} entry, ready to use (ACTIVE). */
	public Mono<RegisteredFile> resolve(String fileId) {
		String id = idOf(fileId);
		var known = this.registry.findById(id);
		if (known.isPresent()) {
			return Mono.just(known.get());
		}
		return this.client.getFile(id)
			.flatMap(this.client::awaitActive)
			.map(this::toRegistered)
			.onErrorMap(GeminiApiException.class, (ex) -> notFoundOr(ex, id));
	}

	/** A file's current metadata and state, without waiting for it. */
	public Mono<RegisteredFile> get(String fileId) {
		String id = idOf(fileId);
		return this.client.getFile(id).map(this::toRegistered).onErrorMap(GeminiApiException.class, (ex) -> notFoundOr(ex, id));
	}

	/** One page of stored files. */
	public Mono<FilePage> list(Integer pageSize, String pageToken) {
		return this.client.listFiles(pageSize, pageToken)
			.map((page) -> new FilePage(
					(page.files() != null) ? page.files().stream().map(this::toRegistered).toList() : List.of(),
					page.nextPageToken()));
	}

	/** Deletes a stored file and forgets it for deduplication. */
	public Mono<Void> delete(String fileId) {
		String id = idOf(fileId);
		return this.client.deleteFile(id)
			.doOnSuccess((ignored) -> this.registry.forget(id))
			.onErrorMap(GeminiApiException.class, (ex) -> notFoundOr(ex, id));
	}

	/** A page of files and the token of the next one (null on the last page). */
	public record FilePage(List<RegisteredFile> files, String nextPageToken) {
	}

	private Mono<RegisteredFile> uploadAndWait(ByteSource bytes, ImageInfo info, String sha256, String displayName) {
		return this.client.upload(bytes, info.type().mimeType(), FileMetadata.encode(displayName, info, sha256))
			.flatMap(this.client::awaitActive)
			.map(this::toRegistered);
	}

	private RegisteredFile toRegistered(GeminiFile file) {
		var decoded = FileMetadata.decode(file.displayName());
		return new RegisteredFile(file.id(), file.uri(), file.mimeType(), file.size(),
				decoded.map(FileMetadata.Decoded::sha256).orElse(null), decoded.map(FileMetadata.Decoded::info).orElse(null),
				FileMetadata.callerName(file.displayName()), file.state(), file.expirationTime());
	}


	/** Accepts {@code files/abc}, {@code abc} or a file URI; ids are short and plain, so anything else is refused. */
	static String idOf(String fileId) {
		String id = (fileId == null) ? "" : fileId.trim();
		id = id.substring(id.lastIndexOf('/') + 1);
		if (!id.matches("[a-z0-9-]{1,40}")) {
			throw new VisionException(ErrorCode.FILE_NOT_FOUND, "No file with id '" + Texts.abbreviate(fileId, 64) + "'.",
					Map.of("fileId", Texts.abbreviate(fileId, 64)));
		}
		return id;
	}

	private static Throwable notFoundOr(GeminiApiException ex, String id) {
		// Gemini answers 403 PERMISSION_DENIED for unknown, expired and foreign files alike.
		if (ex.httpStatus() == 403 || ex.httpStatus() == 404) {
			return new VisionException(ErrorCode.FILE_NOT_FOUND,
					"No file with id '" + id + "': it does not exist, has expired or belongs to another project.",
					Map.of("fileId", id));
		}
		return ex;
	}


}
