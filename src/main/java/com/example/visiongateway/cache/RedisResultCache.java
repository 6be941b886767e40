package com.example.visiongateway.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import com.example.visiongateway.state.StateGuard;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Answers of the whole deployment in Redis: one key per answer under the state prefix,
 * expiring with the TTL, so an answer one replica stored is a hit on every other. While
 * Redis is gone this replica's own memory cache serves and stores instead (see
 * {@link StateGuard}).
 */
final class RedisResultCache implements ResultCache {

	private static final String CONCERN = "cache";

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Duration ttl;

	private final ResultCache local;

	private final StateGuard guard;

	RedisResultCache(StringRedisTemplate redis, String prefix, Duration ttl, ResultCache local, StateGuard guard) {
		this.redis = redis;
		this.prefix = prefix + "cache:";
		this.ttl = ttl;
		this.local = local;
		this.guard = guard;
	}

	@Override
	public Optional<byte[]> get(String key) {
		return this.guard.call(CONCERN, () -> {
			String value = this.redis.opsForValue().get(this.prefix + key);
			return Optional.ofNullable(value).map((json) -> json.getBytes(StandardCharsets.UTF_8));
		}, () -> this.local.get(key));
	}

	@Override
	public void put(String key, byte[] value) {
		// Stored answers are UTF-8 JSON, so the string is the same bytes in Redis
		this.guard.run(CONCERN,
				() -> this.redis.opsForValue()
					.set(this.prefix + key, new String(value, StandardCharsets.UTF_8), this.ttl),
				() -> this.local.put(key, value));
	}

}
