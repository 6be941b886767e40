package com.example.visiongateway.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import com.example.visiongateway.state.StateGuard;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The file registry of the whole deployment, in Redis: each file as JSON under its id, an
 * index from owner and SHA-256 to the id, both expiring when the file stops being usable,
 * and short-lived upload claims ({@code SET NX PX}). Every file is also kept in this
 * replica's own registry, which answers while Redis is gone.
 */
final class RedisFileRegistry implements FileRegistry {

	private static final String CONCERN = "files";

	private final StringRedisTemplate redis;

	private final JsonMapper json;

	private final String prefix;

	private final Duration reuseMargin;

	private final Clock clock;

	private final FileRegistry local;

	private final StateGuard guard;

	RedisFileRegistry(StringRedisTemplate redis, JsonMapper json, String prefix, Duration reuseMargin, Clock clock,
			FileRegistry local, StateGuard guard) {
		this.redis = redis;
		this.json = json;
		this.prefix = prefix;
		this.reuseMargin = reuseMargin;
		this.clock = clock;
		this.local = local;
		this.guard = guard;
	}

	@Override
	public Optional<RegisteredFile> findBySha256(String owner, String sha256) {
		return this.guard.call(CONCERN, () -> {
			String id = this.redis.opsForValue().get(contentKey(owner, sha256));
			return (id != null) ? read(id) : Optional.<RegisteredFile>empty();
		}, () -> this.local.findBySha256(owner, sha256));
	}

	@Override
	public Optional<RegisteredFile> findById(String id) {
		return this.guard.call(CONCERN, () -> read(id), () -> this.local.findById(id));
	}

	@Override
	public void remember(RegisteredFile file) {
		if (file.owner() == null || file.sha256() == null || file.expiresAt() == null) {
			return;
		}
		Duration usable = Duration.between(this.clock.instant(), file.expiresAt().minus(this.reuseMargin));
		if (usable.isNegative() || usable.isZero()) {
			return;
		}
		this.local.remember(file);
		String value = this.json.writeValueAsString(file);
		this.guard.run(CONCERN, () -> {
			this.redis.opsForValue().set(idKey(file.id()), value, usable);
			this.redis.opsForValue().set(contentKey(file.owner(), file.sha256()), file.id(), usable);
		}, () -> {
		});
	}

	@Override
	public void forget(String id) {
		this.local.forget(id);
		this.guard.run(CONCERN, () -> this.redis.delete(idKey(id)), () -> {
		});
	}

	@Override
	public boolean claimUpload(String owner, String sha256, Duration hold) {
		return this.guard.call(CONCERN,
				() -> Boolean.TRUE.equals(this.redis.opsForValue().setIfAbsent(claimKey(owner, sha256), "1", hold)),
				() -> this.local.claimUpload(owner, sha256, hold));
	}

	@Override
	public void releaseUpload(String owner, String sha256) {
		this.guard.run(CONCERN, () -> this.redis.delete(claimKey(owner, sha256)), () -> {
		});
	}

	/**
	 * A file by id; the content index may outlive a forgotten (deleted) file, so a
	 * missing entry is simply not found.
	 */
	private Optional<RegisteredFile> read(String id) {
		String value = this.redis.opsForValue().get(idKey(id));
		return (value != null) ? Optional.of(this.json.readValue(value, RegisteredFile.class)) : Optional.empty();
	}

	private String idKey(String id) {
		return this.prefix + "file:" + id;
	}

	private String contentKey(String owner, String sha256) {
		return this.prefix + "file-sha:" + owner + ':' + sha256;
	}

	private String claimKey(String owner, String sha256) {
		return this.prefix + "file-claim:" + owner + ':' + sha256;
	}

}
