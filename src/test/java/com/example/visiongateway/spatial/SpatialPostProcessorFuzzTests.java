package com.example.visiongateway.spatial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.MaskFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile model answers (the caller steers them through {@code objects}): odd sizes,
 * counts and shapes, huge, negative and non-numeric coordinates, masks that are not PNGs
 * or are PNGs of extreme shapes, on images from 1 x 1 to 600000 x 166. Whatever comes
 * back is a result within the image or the contract's {@code UPSTREAM_ERROR}; never
 * another exception, and never more mask work than the cap.
 */
class SpatialPostProcessorFuzzTests {

	private static final String[] COORDINATES = { "0", "1000", "500", "-1", "-1e9", "1e9", "1e308", "-0", "999.999",
			"0.0001", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"12abc\"", "\"\"", "null", "true",
			"[]", "{}", "\"  250 \"", "9223372036854775808", "1e-64", "1e64", "\"1e65\"",
			"123456789012345678901234567890" };

	private static final List<String> MASKS = masks();

	@Test
	void answersEveryHostileAnswerWithDetectionsInsideTheImageOrAnUpstreamError() {
		Random random = new Random(13);
		SpatialPostProcessor capped = new SpatialPostProcessor(SpatialLimits.defaults().withMaxMaskWork(3_000_000));
		int[][] images = { { 1, 1 }, { 451, 300 }, { 600_000, 166 }, { 166, 600_000 }, { 7, 5000 }, { 4096, 4096 } };
		for (int trial = 0; trial < 200; trial++) {
			int[] image = images[random.nextInt(images.length)];
			String answer = answer(random);
			MaskFormat format = MaskFormat.values()[random.nextInt(MaskFormat.values().length)];
			boolean withMasks = random.nextInt(4) != 0;
			MaskFrame frame = MaskFrame.values()[random.nextInt(MaskFrame.values().length)];
			SpatialResult result;
			try {
				result = capped.process(answer, image[0], image[1], withMasks, random.nextInt(255), format, frame);
			}
			catch (VisionException ex) {
				assertThat(ex.code()).as("trial %d: %s", trial, answer).isEqualTo(ErrorCode.UPSTREAM_ERROR);
				continue;
			}
			assertThat(result.detections()).as("trial %d", trial).hasSizeLessThanOrEqualTo(1000);
			for (Detection detection : result.detections()) {
				List<Integer> box = detection.bbox();
				assertThat(box.get(0)).isBetween(0, box.get(2) - 1);
				assertThat(box.get(1)).isBetween(0, box.get(3) - 1);
				assertThat(box.get(2)).isLessThanOrEqualTo(image[0]);
				assertThat(box.get(3)).isLessThanOrEqualTo(image[1]);
				assertThat(detection.box2d()).allSatisfy((value) -> assertThat(value).isBetween(0, 1000));
				if (detection.area() != null) {
					assertThat(detection.area()).isBetween(0L,
							(long) (box.get(2) - box.get(0)) * (box.get(3) - box.get(1)));
				}
				if (!withMasks) {
					assertThat(detection.mask()).isNull();
				}
			}
		}
	}

	@Test
	void stopsResizingMasksOnceAnAnswersWorkIsSpent() {
		SpatialPostProcessor capped = new SpatialPostProcessor(SpatialLimits.defaults().withMaxMaskWork(3_000_000));
		String item = "{\"box_2d\": [0, 0, 1000, 1000], \"label\": \"x\", \"mask\": \"" + MASKS.get(0) + "\"}";
		String answer = "[" + String.join(",", Collections.nCopies(1000, item)) + "]";

		SpatialResult result = capped.process(answer, 1000, 1000, true, 127);

		// each mask costs a little over a million: two fit, the other 998 are dropped
		assertThat(result.detections()).hasSize(1000);
		assertThat(result.detections().stream().filter((detection) -> detection.mask() != null)).hasSize(2);
		assertThat(result.warnings()).hasSize(998);
	}

	private static String answer(Random random) {
		int count = switch (random.nextInt(5)) {
			case 0 -> 0;
			case 1 -> 1;
			case 2 -> 1 + random.nextInt(10);
			case 3 -> 200 + random.nextInt(100);
			default -> 1000 + random.nextInt(200);
		};
		List<String> items = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			items.add(item(random));
		}
		String list = "[" + String.join(",", items) + "]";
		return switch (random.nextInt(6)) {
			case 0 -> "```json\n" + list + "\n```";
			case 1 -> "{\"boxes\": " + list + "}";
			case 2 -> list.substring(0, random.nextInt(list.length() + 1));
			case 3 -> "Sure! " + list + " Hope this helps.";
			default -> list;
		};
	}

	private static String item(Random random) {
		if (random.nextInt(20) == 0) {
			return new String[] { "null", "42", "\"box\"", "[]", "[[1,2,3,4]]" }[random.nextInt(5)];
		}
		StringBuilder item = new StringBuilder("{");
		if (random.nextInt(15) != 0) {
			int length = (random.nextInt(10) == 0) ? random.nextInt(7) : 4;
			List<String> values = new ArrayList<>();
			for (int i = 0; i < length; i++) {
				values.add((random.nextInt(3) == 0) ? COORDINATES[random.nextInt(COORDINATES.length)]
						: Integer.toString(random.nextInt(1001)));
			}
			item.append("\"box_2d\": [").append(String.join(", ", values)).append("], ");
		}
		item.append("\"label\": ")
			.append(new String[] { "\"cat\"", "null", "17", "[\"a\"]", "\"\"", "\"" + "x".repeat(300) + "\"" }[random
				.nextInt(6)]);
		if (random.nextInt(3) == 0) {
			item.append(", \"mask\": ").append(polygon(random));
		}
		else if (random.nextInt(4) != 0) {
			String mask = MASKS.get(random.nextInt(MASKS.size()));
			item.append(", \"mask\": ").append(mask.startsWith("{") || mask.startsWith("[") ? mask : '"' + mask + '"');
		}
		return item.append('}').toString();
	}

	/**
	 * Polygon masks as Gemini 3.x writes them, and as it should not: one ring or several,
	 * flat or wrapped, too few or too many points, points out of range, not numbers, or
	 * not points at all.
	 */
	private static String polygon(Random random) {
		int rings = (random.nextInt(4) == 0) ? random.nextInt(30) : 1;
		boolean wrapped = rings > 1 || random.nextBoolean();
		List<String> ringTexts = new ArrayList<>();
		for (int r = 0; r < rings; r++) {
			int points = switch (random.nextInt(6)) {
				case 0 -> random.nextInt(3);
				case 1 -> 3 + random.nextInt(5);
				case 2 -> 5000 + random.nextInt(6000);
				default -> 3 + random.nextInt(60);
			};
			List<String> pointTexts = new ArrayList<>(points);
			for (int i = 0; i < points; i++) {
				String x = (random.nextInt(12) == 0) ? COORDINATES[random.nextInt(COORDINATES.length)]
						: Integer.toString(random.nextInt(1001));
				String y = Integer.toString(random.nextInt(1001));
				pointTexts.add(switch (random.nextInt(40)) {
					case 0 -> "[" + x + "]";
					case 1 -> "[" + x + ", " + y + ", 7]";
					case 2 -> x;
					case 3 -> "{\"x\": " + x + ", \"y\": " + y + "}";
					default -> "[" + x + ", " + y + "]";
				});
			}
			ringTexts.add("[" + String.join(", ", pointTexts) + "]");
		}
		String all = String.join(", ", ringTexts);
		return wrapped ? "[" + all + "]" : (ringTexts.isEmpty() ? "[]" : ringTexts.get(0));
	}

	/**
	 * Valid PNGs of ordinary and extreme shapes, and everything a mask field should not
	 * hold.
	 */
	private static List<String> masks() {
		byte[] small = MaskPngs.png(MaskPngs.gray(32, 32, (x, y) -> (x + y) * 4));
		List<String> masks = new ArrayList<>();
		masks.add(MaskPngs.dataUrl(MaskPngs.gray(8, 8, (x, y) -> 255)));
		masks.add(MaskPngs.base64(MaskPngs.gray(32, 32, (x, y) -> (x + y) * 4)));
		masks.add(MaskPngs.dataUrl(MaskPngs.gray(1, 4096, (x, y) -> (y < 2048) ? 255 : 0)));
		masks.add(MaskPngs.dataUrl(MaskPngs.gray(4096, 1, (x, y) -> (x % 2) * 255)));
		masks.add(MaskPngs.dataUrl(MaskPngs.rgba(5, 3, (x, y) -> 0x80FFFFFF)));
		masks.add(MaskPngs.dataUrl(MaskPngs.palette(16, 16, (x, y) -> x)));
		masks.add(MaskPngs.dataUrl(MaskPngs.gray(4097, 1, (x, y) -> 255)));
		masks.add(Base64.getEncoder().encodeToString(Arrays.copyOf(small, small.length / 2)));
		byte[] corrupt = small.clone();
		for (int i = 40; i < corrupt.length; i += 7) {
			corrupt[i] ^= 0x5A;
		}
		masks.add(Base64.getEncoder().encodeToString(corrupt));
		byte[] huge = small.clone();
		huge[16] = 0x7F;
		huge[20] = 0x7F;
		masks.add(Base64.getEncoder().encodeToString(huge));
		masks.add("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(small));
		masks.add("data:image/png," + Base64.getEncoder().encodeToString(small));
		masks.add("not base64 at all!");
		masks.add("<seg_12>");
		masks.add("");
		masks.add("iVBORw0KGgo=");
		masks.add("{\"counts\": \"abc\", \"size\": [1, 1]}");
		masks.add("[[0, 0], [1000, 0], [500, 1000]]");
		return masks;
	}

}
