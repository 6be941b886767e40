package com.example.visiongateway.state;

import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Buckets in Redis, shared by every replica: one Lua script refills and takes in a single
 * atomic step on Redis' clock, so concurrent takes from many replicas are exact and cost
 * one round trip however contended the key (Bucket4j's Lettuce proxy retries a
 * compare-and-swap instead, which timed out under 30 concurrent takes of one key). A key
 * lives until its bucket would be full again. When Redis fails, this replica's
 * {@code local} buckets answer (see {@link StateGuard}). Buckets here have one limit,
 * refilled greedily.
 */
public final class RedisBuckets implements Buckets {

	private static final String CONCERN = "buckets";

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> SCRIPT = RedisScript.of(new ClassPathResource("redis/token-bucket.lua"),
			List.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	private final Buckets local;

	private final StateGuard guard;

	public RedisBuckets(StringRedisTemplate redis, String prefix, Buckets local, StateGuard guard) {
		this.redis = redis;
		this.prefix = prefix + "bucket:";
		this.local = local;
		this.guard = guard;
	}

	@Override
	public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration, long tokens) {
		return this.guard.call(CONCERN, () -> {
			long[] answer = run(key, configuration, tokens, "take");
			return (answer[0] == 1) ? ConsumptionProbe.consumed(answer[2], 0)
					: ConsumptionProbe.rejected(answer[2], TimeUnit.MICROSECONDS.toNanos(answer[1]), 0);
		}, () -> this.local.tryConsume(key, configuration, tokens));
	}

	@Override
	public long nanosUntil(String key, BucketConfiguration configuration, long tokens) {
		return this.guard.call(CONCERN, () -> TimeUnit.MICROSECONDS.toNanos(run(key, configuration, tokens, "peek")[1]),
				() -> this.local.nanosUntil(key, configuration, tokens));
	}

	@Override
	public void adjust(String key, BucketConfiguration configuration, long tokens) {
		if (tokens != 0) {
			this.guard.run(CONCERN, () -> run(key, configuration, tokens, "adjust"),
					() -> this.local.adjust(key, configuration, tokens));
		}
	}

	private long[] run(String key, BucketConfiguration configuration, long tokens, String mode) {
		Bandwidth limit = configuration.getBandwidths()[0];
		long refillMicros = TimeUnit.NANOSECONDS.toMicros(limit.getRefillPeriodNanos()) * limit.getCapacity()
				/ limit.getRefillTokens();
		List<?> answer = this.redis.execute(SCRIPT, List.of(this.prefix + key), Long.toString(limit.getCapacity()),
				Long.toString(refillMicros), Long.toString(tokens), mode);
		return new long[] { number(answer, 0), number(answer, 1), number(answer, 2) };
	}

	private static long number(List<?> answer, int index) {
		return ((Number) answer.get(index)).longValue();
	}

}
