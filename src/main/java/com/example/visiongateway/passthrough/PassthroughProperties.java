package com.example.visiongateway.passthrough;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The Gemini-native pass-through ({@code /gemini/**}).
 *
 * @param maxBodySize bytes of one generateContent, streamGenerateContent or countTokens
 * body (base64 images included); Gemini's own limit for a request is 20MB
 * @param uploadSessions resumable uploads open at once, all callers together
 * @param uploadSessionIdle how long an upload session may wait for its next chunk before
 * it is dropped (and its temp file deleted)
 */
@ConfigurationProperties("vision.passthrough")
@Validated
public record PassthroughProperties(@DefaultValue("20MB") @NotNull DataSize maxBodySize,
		@DefaultValue("1000") int uploadSessions, @DefaultValue("15m") @NotNull Duration uploadSessionIdle) {

	public PassthroughProperties {
		if (maxBodySize.toBytes() <= 0 || maxBodySize.toBytes() > Integer.MAX_VALUE - 16) {
			throw new IllegalArgumentException("vision.passthrough.max-body-size must be from 1B to below 2GB");
		}
		if (uploadSessions < 1) {
			throw new IllegalArgumentException("vision.passthrough.upload-sessions must be at least 1");
		}
		if (uploadSessionIdle.isNegative() || uploadSessionIdle.isZero()) {
			throw new IllegalArgumentException("vision.passthrough.upload-session-idle must be positive");
		}
	}

}
