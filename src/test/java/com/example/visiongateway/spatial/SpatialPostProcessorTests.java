package com.example.visiongateway.spatial;

import java.util.List;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpatialPostProcessorTests {

	private static final String FULL_MASK = MaskPngs.dataUrl(MaskPngs.gray(4, 4, (x, y) -> 255));

	private final SpatialPostProcessor processor = new SpatialPostProcessor(new SpatialLimits(100, 64, 50));

	@Test
	void producesTheContractExampleForDetection() {
		SpatialResult result = this.processor.process(
				"```json\n[{\"box_2d\": [120, 80, 940, 610], \"label\": \"cat\", \"mask\": \"<seg_0>\"}]\n```", 451,
				300, false, 127);
		assertThat(result.detections())
			.containsExactly(new Detection("cat", List.of(120, 80, 940, 610), List.of(36, 36, 275, 282), null, null));
		assertThat(result.warnings()).containsExactly("answer JSON was wrapped in a code fence");
	}

	@Test
	void encodesAFullMaskOverItsBox() {
		SpatialResult result = this.processor.process(
				"[{\"box_2d\": [120, 80, 940, 610], \"label\": \"cat\", \"mask\": \"" + FULL_MASK + "\"}]", 451, 300,
				true, 127);
		Detection cat = result.detections().get(0);
		assertThat(cat.bbox()).containsExactly(36, 36, 275, 282);
		assertThat(cat.area()).isEqualTo(239L * 246);
		CocoRle mask = (CocoRle) cat.mask();
		assertThat(mask.size()).containsExactly(300, 451);
		// 36 columns of 300 zeros, then 36 zeros atop the first box column, then 246
		// ones.
		assertThat(CocoRleCodec.counts(mask.counts())).startsWith(36L * 300 + 36, 246L);
		assertThat(result.warnings()).isEmpty();
	}

	@Test
	void thresholdsTheResizedMask() {
		String half = MaskPngs.dataUrl(MaskPngs.gray(2, 1, (x, y) -> (x == 0) ? 100 : 200));
		String answer = "[{\"box_2d\": [0, 0, 1000, 1000], \"mask\": \"" + half + "\"}]";
		// 2 -> 4 pixels: 100, 125, 175, 200 in each row.
		assertThat(this.processor.process(answer, 4, 2, true, 99).detections().get(0).area()).isEqualTo(8);
		assertThat(this.processor.process(answer, 4, 2, true, 124).detections().get(0).area()).isEqualTo(6);
		assertThat(this.processor.process(answer, 4, 2, true, 175).detections().get(0).area()).isEqualTo(2);
		assertThat(this.processor.process(answer, 4, 2, true, 200).detections().get(0).area()).isZero();
	}

	@Test
	void dropsMasksPastTheAnswersWorkCapAndKeepsTheirBoxes() {
		// each 4 x 4 mask on a 100 x 100 box: 16 + 100 * 104 + 28 * 200 + 8 * 8 = 16,080
		SpatialPostProcessor capped = new SpatialPostProcessor(new SpatialLimits(100, 64, 50).withMaxMaskWork(40_000));
		String item = "{\"box_2d\": [0, 0, 1000, 1000], \"label\": \"x\", \"mask\": \"" + FULL_MASK + "\"}";
		SpatialResult result = capped.process("[" + item + "," + item + "," + item + "]", 100, 100, true, 127);

		assertThat(result.detections()).hasSize(3);
		assertThat(result.detections().get(0).area()).isEqualTo(10_000);
		assertThat(result.detections().get(1).area()).isEqualTo(10_000);
		assertThat(result.detections().get(2).mask()).isNull();
		assertThat(result.detections().get(2).bbox()).containsExactly(0, 0, 100, 100);
		assertThat(result.warnings()).singleElement().asString().startsWith("item 2: mask dropped").contains("work");
	}

	@Test
	void dropsTheWideMaskOfTheIssueWithAWarningInsteadOfFailing() {
		String tall = MaskPngs.dataUrl(MaskPngs.gray(1, 4096, (x, y) -> 255));
		SpatialResult result = new SpatialPostProcessor(SpatialLimits.defaults()).process(
				"[{\"box_2d\": [0, 0, 1000, 1000], \"label\": \"x\", \"mask\": \"" + tall + "\"}]", 600_000, 166, true,
				127);

		assertThat(result.detections()).singleElement()
			.satisfies((detection) -> assertThat(detection.bbox()).containsExactly(0, 0, 600_000, 166));
		assertThat(result.warnings()).singleElement().asString().contains("mask dropped");
	}

	@Test
	void keepsTheBoxWhenAMaskIsUnusable() {
		String oversized = MaskPngs.dataUrl(MaskPngs.gray(65, 2, (x, y) -> 255));
		SpatialResult result = this.processor.process(
				"[{\"box_2d\": [0, 0, 500, 500], \"label\": \"a\", \"mask\": \"<seg_0>\"},"
						+ " {\"box_2d\": [0, 0, 500, 500], \"label\": \"b\"},"
						+ " {\"box_2d\": [0, 0, 500, 500], \"label\": \"c\", \"mask\": \"" + oversized + "\"},"
						+ " {\"box_2d\": [0, 0, 500, 500], \"label\": \"d\", \"mask\": \"" + FULL_MASK + "\"}]",
				10, 10, true, 127);
		assertThat(result.detections()).extracting(Detection::label).containsExactly("a", "b", "c", "d");
		assertThat(result.detections()).extracting(Detection::bbox).containsOnly(List.of(0, 0, 5, 5));
		assertThat(result.detections()).extracting(Detection::area).containsExactly(null, null, null, 25L);
		assertThat(result.detections().get(0).mask()).isNull();
		assertThat(result.warnings()).containsExactly("item 0: mask dropped: a segmentation token, not a PNG",
				"item 1: no mask in the answer",
				"item 2: mask dropped: PNG declares 65 x 2 pixels, over the limit of 64 a side");
	}

	@Test
	void readsMasksWithAndWithoutTheDataUrlPrefixAlike() {
		String bare = FULL_MASK.substring(MaskPngs.DATA_URL_PREFIX.length());
		SpatialResult withPrefix = this.processor
			.process("[{\"box_2d\": [100, 200, 300, 400], \"mask\": \"" + FULL_MASK + "\"}]", 50, 40, true, 127);
		SpatialResult without = this.processor
			.process("[{\"box_2d\": [100, 200, 300, 400], \"mask\": \"" + bare + "\"}]", 50, 40, true, 127);
		assertThat(without).isEqualTo(withPrefix);
		assertThat(without.detections().get(0).area()).isEqualTo(10L * 8);
	}

	@Test
	void reportsRepairedCoordinatesAndDropsBoxesWithoutArea() {
		SpatialResult result = this.processor.process("[{\"box_2d\": [-20, 0, 500, 1100], \"label\": \"clamped\"},"
				+ " {\"box_2d\": [500, 500, 0, 0], \"label\": \"swapped\"},"
				+ " {\"box_2d\": [0, 0, 5, 5], \"label\": \"sliver\"}]", 100, 100, false, 127);
		assertThat(result.detections()).extracting(Detection::label).containsExactly("clamped", "swapped");
		assertThat(result.detections()).extracting(Detection::box2d)
			.containsExactly(List.of(0, 0, 500, 1000), List.of(0, 0, 500, 500));
		assertThat(result.warnings()).containsExactly("item 0: clamped box_2d coordinates into [0, 1000]",
				"item 1: swapped inverted box_2d coordinates",
				"item 2 dropped: its box has no area at 100 x 100 pixels");
	}

	@Test
	void answersNoDetectionsForAnEmptyArray() {
		SpatialResult result = this.processor.process("[]", 100, 100, true, 127);
		assertThat(result.detections()).isEmpty();
		assertThat(result.warnings()).isEmpty();
	}

	@Test
	void failsWithAnUpstreamErrorWhenNothingIsUsable() {
		String answer = "Sorry, I cannot help with that request. " + "x".repeat(100);
		VisionException ex = catchThrowableOfType(VisionException.class,
				() -> this.processor.process(answer, 100, 100, true, 127));
		assertThat(ex.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
		assertThat(ex.properties()).containsEntry("rawAnswer", answer.substring(0, 50));
	}

	@Test
	void refusesAThresholdOutsideTheContractRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.processor.process("[]", 10, 10, true, 255));
		assertThatIllegalArgumentException().isThrownBy(() -> this.processor.process("[]", 10, 10, true, -1));
	}

}
