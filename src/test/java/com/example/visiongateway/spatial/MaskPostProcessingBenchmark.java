package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * A segmentation answer as the model sends it, ten 64 x 64 probability PNGs as data URLs,
 * turned into COCO RLE masks over a 4000 x 3000 image. {@code boxPercent} is each box's
 * side as a share of the image side (10: 400 x 300 px boxes, 25: 1000 x 750 px).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class MaskPostProcessingBenchmark {

	private static final int MASKS = 10;

	private static final int MASK_SIDE = 64;

	@Param({ "10", "25" })
	public int boxPercent;

	private SpatialPostProcessor processor;

	private String answer;

	@Setup
	public void setUp() {
		this.processor = new SpatialPostProcessor(SpatialLimits.defaults());
		List<String> items = new ArrayList<>();
		for (int i = 0; i < MASKS; i++) {
			int ymin = 10 + (i / 5) * 500;
			int xmin = 10 + (i % 5) * 195;
			double centre = 24 + i * 1.5;
			BufferedImage blob = MaskPngs.gray(MASK_SIDE, MASK_SIDE,
					(x, y) -> (int) Math.max(0, 255 - 9 * Math.hypot(x - centre, y - 32)));
			items.add("{\"box_2d\": [%d, %d, %d, %d], \"label\": \"item %d\", \"mask\": \"%s\"}".formatted(ymin, xmin,
					ymin + this.boxPercent * 10, xmin + this.boxPercent * 10, i, MaskPngs.dataUrl(blob)));
		}
		this.answer = "```json\n[" + String.join(",\n", items) + "]\n```";
	}

	@Benchmark
	public SpatialResult process() {
		return this.processor.process(this.answer, 4000, 3000, true, 127);
	}

	public static void main(String[] args) throws RunnerException {
		new Runner(new OptionsBuilder().include(MaskPostProcessingBenchmark.class.getSimpleName()).build()).run();
	}

}
