package com.example.visiongateway.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.RemovalCause;

/**
 * The file registry of one process: a bounded Caffeine cache by id, each entry expiring
 * when it stops being usable ({@code expiresAt} less the reuse margin), and an index by
 * owner and SHA-256 that follows the cache (an entry leaving the cache, for whatever
 * cause, leaves the index too). Another replica simply uploads again.
 */
final class MemoryFileRegistry implements FileRegistry {

	private final Clock clock;

	private final Duration reuseMargin;

	private final Cache<String, RegisteredFile> byId;

	private final Map<String, String> idByContent = new ConcurrentHashMap<>();

	MemoryFileRegistry(int maxFiles, Duration reuseMargin, Clock clock) {
		this.clock = clock;
		this.reuseMargin = reuseMargin;
		this.byId = Caffeine.newBuilder()
			.maximumSize(maxFiles)
			.expireAfter(Expiry.creating((String id, RegisteredFile file) -> usableFor(file)))
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			// Removal is seen at once, on the thread that caused it, so the index never
			// points at a gone entry long.
			.executor(Runnable::run)
			.removalListener(this::removed)
			.build();
	}

	@Override
	public Optional<RegisteredFile> findBySha256(String owner, String sha256) {
		String key = contentKey(owner, sha256);
		String id = this.idByContent.get(key);
		if (id == null) {
			return Optional.empty();
		}
		RegisteredFile file = this.byId.getIfPresent(id);
		if (file == null) {
			this.idByContent.remove(key, id);
		}
		return Optional.ofNullable(file);
	}

	@Override
	public Optional<RegisteredFile> findById(String id) {
		return Optional.ofNullable(this.byId.getIfPresent(id));
	}

	@Override
	public void remember(RegisteredFile file) {
		if (file.owner() == null || file.sha256() == null || file.expiresAt() == null || usableFor(file).isZero()) {
			return;
		}
		this.byId.put(file.id(), file);
		this.idByContent.put(contentKey(file.owner(), file.sha256()), file.id());
	}

	@Override
	public void forget(String id) {
		this.byId.invalidate(id);
	}

	/**
	 * Always granted: within one process {@link ImageFiles} already joins concurrent
	 * uploads of the same bytes.
	 */
	@Override
	public boolean claimUpload(String owner, String sha256, Duration hold) {
		return true;
	}

	@Override
	public void releaseUpload(String owner, String sha256) {
	}

	/** Entries now held, after pending evictions. */
	long size() {
		this.byId.cleanUp();
		return this.byId.estimatedSize();
	}

	private Duration usableFor(RegisteredFile file) {
		Duration left = Duration.between(this.clock.instant(), file.expiresAt().minus(this.reuseMargin));
		return left.isNegative() ? Duration.ZERO : left;
	}

	// Keys and values are held strongly, so Caffeine never hands a collected (null) one.
	private void removed(String id, RegisteredFile file, RemovalCause cause) {
		if (cause != RemovalCause.REPLACED) {
			this.idByContent.remove(contentKey(file.owner(), file.sha256()), id);
		}
	}

	private static String contentKey(String owner, String sha256) {
		return owner + ':' + sha256;
	}

}
