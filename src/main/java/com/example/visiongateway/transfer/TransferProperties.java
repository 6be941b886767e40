package com.example.visiongateway.transfer;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How images travel to Gemini.
 *
 * @param inlineRequestLimit the whole generateContent body (base64 growth included) must
 * stay under this to go inline, at most 100 MB; images above it move to the Files API,
 * largest first
 * @param uploadConcurrency Files API uploads running at once for one request
 * @param dedup whether identical bytes (by SHA-256) reuse an earlier upload
 * @param fileLifetime how long Gemini keeps an uploaded file
 * @param reuseMargin stop reusing a file this long before it expires, so it cannot vanish
 * mid-request
 * @param maxRememberedFiles entries kept in the dedup registry before the oldest are
 * forgotten
 * @param uploadClaim how long one replica may hold the upload of an image before another
 * may start its own (it lets go as soon as its upload ends)
 */
@ConfigurationProperties("vision.transfer")
@Validated
public record TransferProperties(@DefaultValue("20MB") @NotNull DataSize inlineRequestLimit,
		@DefaultValue("4") @Min(1) int uploadConcurrency, @DefaultValue("true") boolean dedup,
		@DefaultValue("48h") @NotNull Duration fileLifetime, @DefaultValue("2h") @NotNull Duration reuseMargin,
		@DefaultValue("100000") @Min(1) int maxRememberedFiles, @DefaultValue("2m") @NotNull Duration uploadClaim) {

	/** Gemini takes inline requests up to 100 MB since 2026-01-08 (20 MB before). */
	static final DataSize MAX_INLINE_REQUEST = DataSize.ofMegabytes(100);

	public TransferProperties {
		if (inlineRequestLimit != null && inlineRequestLimit.compareTo(MAX_INLINE_REQUEST) > 0) {
			throw new IllegalArgumentException("vision.transfer.inline-request-limit may be at most 100MB "
					+ "(Gemini's limit on an inline request) but was " + inlineRequestLimit);
		}
	}

}
