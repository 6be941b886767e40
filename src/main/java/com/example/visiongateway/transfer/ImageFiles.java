package com.example.visiongateway.transfer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
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
 * Images in Gemini's file store, each owned by the tenant that uploaded it: uploads
 * deduplicated by owner and SHA-256 (also while an upload of the same bytes is still
 * running, on this replica or another), waited on until ACTIVE, and looked up again by
 * id. Another tenant's file is answered exactly like an unknown one, on every path.
 */
@Component
public class ImageFiles {

	private final GeminiClient client;

	private final TransferProperties properties;

	private final FileRegistry registry;

	/** How often a replica waiting for another's upload looks for the file. */
	private static final Duration CLAIM_POLL = Duration.ofMillis(100);

	private final Map<String, Mono<Upload>> inFlight = new ConcurrentHashMap<>();

	private final VisionMetrics metrics;

	public ImageFiles(GeminiClient client, TransferProperties properties, FileRegistry registry,
			VisionMetrics metrics) {
		this.client = client;
		this.metrics = metrics;
		this.properties = properties;
		this.registry = registry;
	}

	/** An uploaded (or reused) file, and whether it was reused. */
	public record Upload(RegisteredFile file, boolean deduplicated) {
	}

	/**
	 * Uploads the bytes for {@code owner} unless the same owner already stored the same
	 * bytes and they are fresh; answers once the file is ACTIVE. {@code displayName} is
	 * kept by the gateway, never sent to Gemini.
	 */
	public Mono<Upload> upload(Tenant owner, ByteSource bytes, ImageInfo info, String sha256, String displayName) {
		if (this.properties.dedup()) {
			var known = this.registry.findBySha256(owner.id(), sha256);
			if (known.isPresent()) {
				this.metrics.dedup(true);
				return Mono.just(new Upload(known.get(), true));
			}
			boolean[] started = new boolean[1];
			Mono<Upload> shared = this.inFlight.computeIfAbsent(owner.id() + ':' + sha256, (key) -> {
				started[0] = true;
				return uploadOnce(owner, bytes, info, sha256, displayName)
					.doFinally((signal) -> this.inFlight.remove(key))
					.cache();
			});
			boolean joined = !started[0];
			return shared.map((upload) -> joined ? new Upload(upload.file(), true) : upload)
				.doOnNext((upload) -> this.metrics.dedup(upload.deduplicated()));
		}
		return uploadAndWait(owner, bytes, info, sha256, displayName).map((file) -> new Upload(file, false));
	}

	/**
	 * Uploads unless another replica holds the claim on the same bytes; then waits for
	 * its file to be registered, or for the claim to end (its upload failed, or it
	 * vanished) and tries to claim again.
	 */
	private Mono<Upload> uploadOnce(Tenant owner, ByteSource bytes, ImageInfo info, String sha256, String displayName) {
		return Mono.defer(() -> {
			var known = this.registry.findBySha256(owner.id(), sha256);
			if (known.isPresent()) {
				return Mono.just(new Upload(known.get(), true));
			}
			if (!this.registry.claimUpload(owner.id(), sha256, this.properties.uploadClaim())) {
				return Mono.delay(CLAIM_POLL).then(uploadOnce(owner, bytes, info, sha256, displayName));
			}
			return uploadAndWait(owner, bytes, info, sha256, displayName).doOnNext(this.registry::remember)
				.doFinally((signal) -> this.registry.releaseUpload(owner.id(), sha256))
				.map((file) -> new Upload(file, false));
		});
	}

	/**
	 * A file of {@code owner} named by a {@code fileIds} entry, ready to use (ACTIVE).
	 */
	public Mono<RegisteredFile> resolve(Tenant owner, String fileId) {
		String id = idOf(fileId);
		var known = this.registry.findById(id);
		if (known.isPresent()) {
			return owned(owner, known.get(), id);
		}
		return this.client.getFile(id)
			.flatMap((file) -> owned(owner, toRegistered(file), id).flatMap((ignored) -> this.client.awaitActive(file)))
			.map(this::toRegistered)
			.map(this::withKnownName)
			.onErrorMap(GeminiApiException.class, (ex) -> notFoundOr(ex, id));
	}

	/** A file's current metadata and state, without waiting for it. */
	public Mono<RegisteredFile> get(Tenant owner, String fileId) {
		String id = idOf(fileId);
		return this.client.getFile(id)
			.map(this::toRegistered)
			.flatMap((file) -> owned(owner, file, id))
			.onErrorMap(GeminiApiException.class, (ex) -> notFoundOr(ex, id));
	}

	/**
	 * One page of {@code owner}'s files. Gemini pages over the whole project, so a page
	 * may hold fewer files than asked for (others' files are left out); the next page
	 * token goes on from where Gemini's page ended.
	 */
	public Mono<FilePage> list(Tenant owner, Integer pageSize, String pageToken) {
		return this.client.listFiles(pageSize, pageToken)
			.map((page) -> new FilePage((page.files() != null)
					? page.files().stream().map(this::toRegistered).filter((file) -> owner.owns(file.owner())).toList()
					: List.of(), page.nextPageToken()));
	}

	/** Deletes one of {@code owner}'s files and forgets it for deduplication. */
	public Mono<Void> delete(Tenant owner, String fileId) {
		String id = idOf(fileId);
		return this.registry.findById(id)
			.map(Mono::just)
			.orElseGet(() -> this.client.getFile(id).map(this::toRegistered))
			.flatMap((file) -> owned(owner, file, id))
			.flatMap((file) -> this.client.deleteFile(id))
			.doOnSuccess((ignored) -> this.registry.forget(id))
			.onErrorMap(GeminiApiException.class, (ex) -> notFoundOr(ex, id));
	}

	/** A page of files and the token of the next one (null on the last page). */
	public record FilePage(List<RegisteredFile> files, String nextPageToken) {
	}

	private Mono<RegisteredFile> uploadAndWait(Tenant owner, ByteSource bytes, ImageInfo info, String sha256,
			String displayName) {
		return this.client.upload(bytes, info.type().mimeType(), FileMetadata.encode(info, sha256, owner.id()))
			.flatMap(this.client::awaitActive)
			.map(this::toRegistered)
			.map((file) -> file.withDisplayName(displayName));
	}

	private Mono<RegisteredFile> owned(Tenant owner, RegisteredFile file, String id) {
		return owner.owns(file.owner()) ? Mono.just(withKnownName(file)) : Mono.error(notFound(id));
	}

	/**
	 * The caller's name for a file, which only the registry knows (Gemini's display name
	 * holds none).
	 */
	private RegisteredFile withKnownName(RegisteredFile file) {
		if (file.displayName() != null) {
			return file;
		}
		return this.registry.findById(file.id()).map((known) -> file.withDisplayName(known.displayName())).orElse(file);
	}

	private RegisteredFile toRegistered(GeminiFile file) {
		var decoded = FileMetadata.decode(file.displayName());
		return new RegisteredFile(file.id(), file.uri(), file.mimeType(), file.size(),
				decoded.map(FileMetadata.Decoded::sha256).orElse(null),
				decoded.map(FileMetadata.Decoded::info).orElse(null),
				FileMetadata.isTagged(file.displayName()) ? null : file.displayName(), file.state(),
				file.expirationTime(), decoded.map(FileMetadata.Decoded::owner).orElse(null));
	}

	/**
	 * Accepts {@code files/abc}, {@code abc} or a file URI; ids are short and plain, so
	 * anything else is refused.
	 */
	static String idOf(String fileId) {
		String id = (fileId == null) ? "" : fileId.trim();
		id = id.substring(id.lastIndexOf('/') + 1);
		if (!id.matches("[a-z0-9-]{1,40}")) {
			throw new VisionException(ErrorCode.FILE_NOT_FOUND,
					"No file with id '" + Texts.abbreviate(fileId, 64) + "'.",
					Map.of("fileId", Texts.abbreviate(fileId, 64)));
		}
		return id;
	}

	private static Throwable notFoundOr(GeminiApiException ex, String id) {
		// Gemini answers 403 PERMISSION_DENIED for unknown, expired and foreign files
		// alike.
		if (ex.httpStatus() == 403 || ex.httpStatus() == 404) {
			return notFound(id);
		}
		return ex;
	}

	/**
	 * One answer for unknown, expired and other tenants' files, so none can be told from
	 * another.
	 */
	private static VisionException notFound(String id) {
		return new VisionException(ErrorCode.FILE_NOT_FOUND,
				"No file with id '" + id + "': it does not exist, has expired or belongs to another caller.",
				Map.of("fileId", id));
	}

}
