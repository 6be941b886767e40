package com.example.visiongateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.example.visiongateway.gemini.GenerateContentBody;
import com.example.visiongateway.gemini.GenerateContentRequest;
import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.io.TempFileBytes;
import com.example.visiongateway.support.TestImages;
import io.netty.buffer.PooledByteBufAllocator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import org.springframework.core.io.buffer.DataBufferFactory;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.NettyDataBufferFactory;

/**
 * The streaming request body of a 15 MB inline image (15,000,000 bytes, 20,000,000 of
 * base64) written into a sink that only counts and releases the buffers. One operation is
 * one megabyte of image, so the score in ops/s is MB/s of image bytes. {@code source}:
 * the image in memory, or in a temp file as a spooled multipart part is.
 * {@code rawBase64} is the floor: the same bytes base64-encoded block by block with
 * nothing around it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class GenerateContentBodyBenchmark {

	private static final int IMAGE_BYTES = 15_000_000;

	private static final int RAW_BLOCK = 48 * 1024;

	@Param({ "memory", "file" })
	public String source;

	private byte[] image;

	private Path file;

	private GenerateContentRequest request;

	private final DataBufferFactory buffers = new NettyDataBufferFactory(PooledByteBufAllocator.DEFAULT);

	@Setup
	public void setUp() throws IOException {
		this.image = new byte[IMAGE_BYTES];
		new Random(15).nextBytes(this.image);
		ByteSource bytes;
		if ("file".equals(this.source)) {
			this.file = Files.createTempFile("vg-bench-", ".png");
			Files.write(this.file, this.image);
			bytes = new TempFileBytes(this.file, IMAGE_BYTES);
		}
		else {
			bytes = TestImages.source(this.image);
		}
		this.request = new GenerateContentRequest(
				List.of(new InlineImagePart(bytes, "image/png"), new TextPart("Caption this image.")), null, null,
				null);
	}

	@TearDown
	public void tearDown() throws IOException {
		if (this.file != null) {
			Files.deleteIfExists(this.file);
		}
	}

	@Benchmark
	@OperationsPerInvocation(IMAGE_BYTES / 1_000_000)
	public long writeBody() {
		AtomicLong written = new AtomicLong();
		GenerateContentBody.write(this.request, this.buffers).doOnNext((buffer) -> {
			written.addAndGet(buffer.readableByteCount());
			DataBufferUtils.release(buffer);
		}).blockLast();
		return written.get();
	}

	@Benchmark
	@OperationsPerInvocation(IMAGE_BYTES / 1_000_000)
	public long rawBase64() {
		Base64.Encoder encoder = Base64.getEncoder();
		long written = 0;
		byte[] block = new byte[RAW_BLOCK];
		for (int offset = 0; offset < IMAGE_BYTES; offset += RAW_BLOCK) {
			int length = Math.min(RAW_BLOCK, IMAGE_BYTES - offset);
			System.arraycopy(this.image, offset, block, 0, length);
			written += encoder.encode((length == RAW_BLOCK) ? block : Arrays.copyOf(block, length)).length;
		}
		return written;
	}

}
