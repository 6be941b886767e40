package com.example.visiongateway.gemini;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.state.StateGuard;

import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Cool-downs of the whole deployment: one key per model that expires when the pause ends,
 * so every replica reads the pause one of them was told. Also kept in this replica's own
 * memory, which answers while Redis is gone.
 */
final class RedisCoolDowns implements CoolDowns {

	private static final String CONCERN = "cooldowns";

	private final StringRedisTemplate redis;

	private final String prefix;

	private final CoolDowns local;

	private final StateGuard guard;

	RedisCoolDowns(StringRedisTemplate redis, String prefix, CoolDowns local, StateGuard guard) {
		this.redis = redis;
		this.prefix = prefix + "cooldown:";
		this.local = local;
		this.guard = guard;
	}

	@Override
	public void start(String model, Duration delay) {
		this.local.start(model, delay);
		this.guard.run(CONCERN, () -> {
			Long left = this.redis.getExpire(this.prefix + model, TimeUnit.MILLISECONDS);
			// A shorter pause never cuts a longer one another replica was told
			if (left == null || left < delay.toMillis()) {
				this.redis.opsForValue().set(this.prefix + model, "1", delay);
			}
		}, () -> {
		});
	}

	@Override
	public Duration remaining(String model) {
		return this.guard.call(CONCERN, () -> {
			Long left = this.redis.getExpire(this.prefix + model, TimeUnit.MILLISECONDS);
			return (left != null && left > 0) ? Duration.ofMillis(left) : Duration.ZERO;
		}, () -> this.local.remaining(model));
	}

	@Override
	public void clear() {
		this.local.clear();
		this.guard.run(CONCERN, () -> {
			Set<String> keys = this.redis.keys(this.prefix + "*");
			if (keys != null && !keys.isEmpty()) {
				this.redis.delete(keys);
			}
		}, () -> {
		});
	}

}
