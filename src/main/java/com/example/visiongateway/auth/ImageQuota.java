package com.example.visiongateway.auth;

import java.util.Map;

import com.example.visiongateway.auth.RateLimiter.Outcome;
import com.example.visiongateway.auth.RateLimiter.Take;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * A caller's images per minute, one bucket for every API that carries images (the vision
 * endpoints, {@code POST /v1/files}, the Gemini-native pass-through). A bean only when
 * authentication is on: without keys there is no caller to count for.
 */
public final class ImageQuota {

	private final RateLimiter images;

	private final MeterRegistry meters;

	ImageQuota(RateLimiter images, MeterRegistry meters) {
		this.images = images;
		this.meters = meters;
	}

	boolean limited() {
		return this.images.limited();
	}

	/**
	 * Takes {@code count} images from the caller's quota.
	 * @throws VisionException {@code RATE_LIMITED}, with {@code retryAfterSeconds}, when
	 * they do not fit
	 */
	public void charge(Tenant caller, long count) {
		Take take = this.images.take(caller.name(), count);
		if (take.outcome() == Outcome.EXCEEDS_LIMIT) {
			refuse(take, "This API key may send " + this.images.perMinute() + " images per minute and this request has "
					+ count + ": send fewer images per request.", count);
		}
		if (!take.granted()) {
			refuse(take, "This API key may send " + this.images.perMinute() + " images per minute; this request has "
					+ count + ". Retry in " + take.retryAfterSeconds() + " s.", count);
		}
	}

	private void refuse(Take take, String detail, long count) {
		this.meters.counter("vision.auth.requests", "outcome", "image_quota").increment();
		throw new VisionException(ErrorCode.RATE_LIMITED, detail, Map.of("retryAfterSeconds", take.retryAfterSeconds(),
				"limit", this.images.perMinute(), "actual", count, "quota", "images-per-minute"));
	}

}
