package com.example.visiongateway.bench;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.example.visiongateway.gemini.GenerateContentBody;
import com.example.visiongateway.gemini.RequestPart.FileImagePart;
import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.support.TestImages;
import com.example.visiongateway.transfer.Transfer;
import com.example.visiongateway.transfer.TransferPlanner;
import com.example.visiongateway.transfer.TransferPlanner.Candidate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning a 3,600-image ask. {@code imageBytes} 2,000: every image fits inline (7.2 MB);
 * 200,000: 720 MB, so all but about 75 images move to the Files API, largest first.
 * {@code plan} is {@link TransferPlanner#plan} alone; {@code lengthsAndPlan} also
 * computes every image's inline and file part lengths as the service does before planning
 * (the JSON around a part laid out once per MIME type, plus each image's base64 length).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class TransferPlannerBenchmark {

	private static final int IMAGES = 3_600;

	private static final long LIMIT = 20L * 1024 * 1024;

	private static final String LONGEST_FILE_URI = "https://generativelanguage.googleapis.com/v1alpha/files/"
			+ "x".repeat(40) + "?" + "x".repeat(100);

	@Param({ "2000", "200000" })
	public int imageBytes;

	private List<Candidate> candidates;

	private List<ByteSource> sources;

	@Setup
	public void setUp() {
		this.sources = new ArrayList<>(IMAGES);
		for (int i = 0; i < IMAGES; i++) {
			// Sizes vary a little so the largest-first order is a real sort
			this.sources.add(new SizedSource(this.imageBytes - (i * 7919L) % (this.imageBytes / 10)));
		}
		this.candidates = lengths();
	}

	@Benchmark
	public List<Transfer> plan() {
		return TransferPlanner.plan(200, this.candidates, LIMIT);
	}

	@Benchmark
	public List<Transfer> lengthsAndPlan() {
		return TransferPlanner.plan(200, lengths(), LIMIT);
	}

	private List<Candidate> lengths() {
		List<Candidate> result = new ArrayList<>(IMAGES);
		long file = GenerateContentBody.partLength(new FileImagePart(LONGEST_FILE_URI, "image/png")) + 1;
		long around = GenerateContentBody.partLength(new InlineImagePart(TestImages.source(new byte[0]), "image/png"))
				+ 1;
		for (ByteSource source : this.sources) {
			result.add(new Candidate(around + GenerateContentBody.base64Length(source.size()), file, false));
		}
		return result;
	}

	private record SizedSource(long size) implements ByteSource {

		@Override
		public InputStream openStream() {
			return new ByteArrayInputStream(new byte[0]);
		}

	}

}
