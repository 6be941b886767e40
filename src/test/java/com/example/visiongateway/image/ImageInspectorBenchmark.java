package com.example.visiongateway.image;

import com.example.visiongateway.support.TestImages;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import com.example.visiongateway.io.ByteSource;

/**
 * Inspection cost per format, with the fixtures in memory so only parsing is measured.
 * Run with {@code java -cp target/test-classes:target/classes:<test classpath>
 * com.example.visiongateway.image.ImageInspectorBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ImageInspectorBenchmark {

	private final ImageInspector inspector = new ImageInspector(100_000_000);

	private ByteSource png;

	private ByteSource jpeg;

	private ByteSource bigJpeg;

	private ByteSource webp;

	private ByteSource heic;

	@Setup
	public void loadFixtures() {
		this.png = TestImages.source(TestImages.fixture("chelsea.png"));
		this.jpeg = TestImages.source(TestImages.fixture("rocket-orientation6.jpg"));
		this.bigJpeg = TestImages.source(TestImages.fixture("coffee-4000x3000.jpg"));
		this.webp = TestImages.source(TestImages.fixture("coffee.webp"));
		this.heic = TestImages.source(TestImages.fixture("chelsea.heic"));
	}

	@Benchmark
	public ImageInfo png() {
		return this.inspector.inspect(this.png, "image/png");
	}

	@Benchmark
	public ImageInfo jpegWithExif() {
		return this.inspector.inspect(this.jpeg, "image/jpeg");
	}

	@Benchmark
	public ImageInfo jpeg4000x3000() {
		return this.inspector.inspect(this.bigJpeg, "image/jpeg");
	}

	@Benchmark
	public ImageInfo webp() {
		return this.inspector.inspect(this.webp, "image/webp");
	}

	@Benchmark
	public ImageInfo heic() {
		return this.inspector.inspect(this.heic, "image/heic");
	}

	@Benchmark
	public String sha256Of4000x3000Jpeg() {
		return ImageDigest.sha256Hex(this.bigJpeg);
	}

	public static void main(String[] args) throws RunnerException {
		new Runner(new OptionsBuilder().include(ImageInspectorBenchmark.class.getName()).build()).run();
	}

}
