package com.example.visiongateway.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.budget.Budget;
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

/**
 * One multipart body with a 15,000,000-byte image read from memory by the gateway's
 * reader, as a caption request is. One operation is one megabyte of image, so ops/s reads
 * as MB/s. {@code mode}: {@code spooled} is the real path of a large part (delimiter
 * search, SHA-256 on a spool thread); {@code inline} the same with no spool thread free,
 * so the reading thread digests too. {@code store}: {@code heap} keeps the part on the
 * heap (the default for a part up to 16 MB within the budget), {@code disk} writes it to
 * a temp file (a larger part, or the budget used up).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@State(Scope.Benchmark)
public class MultipartReaderBenchmark {

	private static final int IMAGE_BYTES = 15_000_000;

	private static final byte[] BOUNDARY = "----WebKitFormBoundary7MA4YWxkTrZu0gW".getBytes(StandardCharsets.US_ASCII);

	@Param({ "spooled", "inline" })
	public String mode;

	@Param({ "heap", "disk" })
	public String store;

	private byte[] body;

	private ExecutorService pool;

	private Executor spooler;

	private MultipartLimits limits;

	@Setup
	public void setUp() {
		byte[] image = new byte[IMAGE_BYTES];
		new Random(15).nextBytes(image);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String boundary = new String(BOUNDARY, StandardCharsets.US_ASCII);
		out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"images\"; filename=\"a.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		out.writeBytes(image);
		out.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nCaption it."
				+ "\r\n--" + boundary + "--\r\n")
			.getBytes(StandardCharsets.US_ASCII));
		this.body = out.toByteArray();
		this.pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new SynchronousQueue<>());
		this.spooler = "spooled".equals(this.mode) ? this.pool : (task) -> {
			throw new RejectedExecutionException();
		};
		int inMemoryPartSize = "heap".equals(this.store) ? 16 << 20 : 256 * 1024;
		this.limits = new MultipartLimits(3800, 10 * 1024, 64 * 1024, 2 * 1024 * 1024, 64L << 20, 1L << 30,
				inMemoryPartSize);
	}

	@TearDown
	public void tearDown() {
		this.pool.shutdownNow();
	}

	@Benchmark
	@OperationsPerInvocation(IMAGE_BYTES / 1_000_000)
	public String read() throws IOException {
		ParsedMultipart parsed = new MultipartReader(new ByteArrayInputStream(this.body), this.body.length, BOUNDARY,
				this.limits, new BodyBudgets(new Budget("heap", 128L << 20), new Budget("disk", 1L << 30),
						Duration.ZERO, new Budget("heap-parts", 64L << 20)),
				this.spooler, Duration.ofMinutes(2))
			.read();
		String sha256 = parsed.parts().get(0).knownSha256();
		parsed.release();
		return sha256;
	}

}
