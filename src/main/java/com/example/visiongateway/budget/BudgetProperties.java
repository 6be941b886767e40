package com.example.visiongateway.budget;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The gateway's own budgets, shared by all requests (see {@link Budget}).
 *
 * @param heap heap bytes requests may hold at once: multipart read buffers, part names
 * and filenames, text parts, image parts kept on the heap. Unset: an eighth of the
 * maximum heap
 * @param disk temp-disk bytes requests may hold at once: uploaded parts written to temp
 * files, fetched {@code imageUrls} bodies, downscaled copies. Keep it below the size of
 * {@code java.io.tmpdir}
 * @param decode bytes of decoded pixels all requests may hold at once (rasters decoded to
 * downscale or to draw on, bit depth included, and their working copies). Unset: a
 * quarter of the maximum heap
 * @param maxWait how long a request waits for a spent budget before it is answered
 * {@code 503 OVERLOADED}
 */
@ConfigurationProperties("vision.budget")
@Validated
public record BudgetProperties(DataSize heap, @DefaultValue("1536MB") @NotNull DataSize disk, DataSize decode,
		@DefaultValue("250ms") @NotNull Duration maxWait) {

	/** One multipart read buffer must fit, or no upload could ever be read. */
	private static final long MIN_HEAP = 1024 * 1024;

	/** A 512 x 512 picture with its working copies must fit. */
	private static final long MIN_DECODE = 1024 * 1024;

	/**
	 * The heap budget in bytes: as configured, or an eighth of the heap this JVM may grow
	 * to.
	 */
	public long heapBytes() {
		return (this.heap != null) ? this.heap.toBytes() : Runtime.getRuntime().maxMemory() / 8;
	}

	/**
	 * The decode budget in bytes: as configured, or a quarter of the heap this JVM may
	 * grow to (with the heap budget's eighth, under half the heap).
	 */
	public long decodeBytes() {
		return (this.decode != null) ? this.decode.toBytes() : Runtime.getRuntime().maxMemory() / 4;
	}

	public long diskBytes() {
		return this.disk.toBytes();
	}

	@AssertTrue(message = "heap must be at least 1MB")
	boolean isHeapLargeEnough() {
		return heapBytes() >= MIN_HEAP;
	}

	@AssertTrue(message = "disk must not be negative")
	boolean isDiskPositiveOrZero() {
		return this.disk.toBytes() >= 0;
	}

	@AssertTrue(message = "decode must be at least 1MB")
	boolean isDecodeLargeEnough() {
		return decodeBytes() >= MIN_DECODE;
	}

	@AssertTrue(message = "max-wait must be from 0 to 10s")
	boolean isMaxWaitInRange() {
		return !this.maxWait.isNegative() && this.maxWait.compareTo(Duration.ofSeconds(10)) <= 0;
	}

}
