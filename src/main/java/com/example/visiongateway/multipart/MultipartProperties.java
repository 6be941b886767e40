package com.example.visiongateway.multipart;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits and memory use of the gateway's multipart reader. The image and request byte
 * limits are {@code vision.limits.max-image-size} and {@code max-request-size}.
 *
 * @param maxParts parts of one request, text and files together (413 above it)
 * @param maxPartHeaderSize bytes of one part's header block (400 above it: a 10 KB
 * filename, say)
 * @param maxTextPartSize bytes of one text part (400 above it)
 * @param maxTextSize bytes of all text parts of one request together (400 above it)
 * @param inMemoryPartSize a file part up to this size stays on the heap, within the
 * budget; larger ones go to a temp file. The default holds the largest image that can
 * still be sent inline (a 20 MB request), so it is never written to disk and read back
 * @param inMemoryBudget how much of the shared heap budget ({@code vision.budget.heap})
 * image parts may take; past it, parts go to temp files, leaving the rest to what cannot
 * go to disk (read buffers, names, text). Unset: a sixteenth of the maximum heap, at most
 * 64 MB
 * @param bodyTimeout the whole body must arrive within it (408 after it)
 */
@ConfigurationProperties("vision.multipart")
@Validated
public record MultipartProperties(@DefaultValue("3800") @Min(1) int maxParts,
		@DefaultValue("10KB") @NotNull DataSize maxPartHeaderSize,
		@DefaultValue("64KB") @NotNull DataSize maxTextPartSize, @DefaultValue("2MB") @NotNull DataSize maxTextSize,
		@DefaultValue("16MB") @NotNull DataSize inMemoryPartSize, DataSize inMemoryBudget,
		@DefaultValue("2m") @NotNull Duration bodyTimeout) {

	private static final long MAX_DEFAULT_BUDGET = 64L * 1024 * 1024;

	/**
	 * The budget in bytes: as configured, or a sixteenth of the heap this JVM may grow
	 * to, at most 64 MB.
	 */
	long inMemoryBudgetBytes() {
		return (this.inMemoryBudget != null) ? this.inMemoryBudget.toBytes()
				: Math.min(MAX_DEFAULT_BUDGET, Runtime.getRuntime().maxMemory() / 16);
	}

	/** A header block is searched within one read buffer, which is sized from this. */
	@AssertTrue(message = "max-part-header-size must be from 256B to 1MB")
	boolean isMaxPartHeaderSizeInRange() {
		return this.maxPartHeaderSize.toBytes() >= 256 && this.maxPartHeaderSize.toBytes() <= 1024 * 1024;
	}

	@AssertTrue(message = "body-timeout must be positive")
	boolean isBodyTimeoutPositive() {
		return !this.bodyTimeout.isNegative() && !this.bodyTimeout.isZero();
	}

	/** An in-memory part can be asked for as one array. */
	@AssertTrue(message = "in-memory-part-size must be below 1GB")
	boolean isInMemoryPartSizeInRange() {
		return this.inMemoryPartSize.toBytes() >= 0 && this.inMemoryPartSize.toBytes() < 1024 * 1024 * 1024;
	}

}
