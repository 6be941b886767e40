package com.example.visiongateway.spatial;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

class AnswerReaderTests {

	private static final String CAT = "{\"box_2d\": [120, 80, 940, 610], \"label\": \"cat\"}";

	private static final String DOG = "{\"box_2d\": [10, 20, 30, 40], \"label\": \"dog\"}";

	private static final String TWO = "[" + CAT + ", " + DOG + "]";

	private static final String FENCED = "answer JSON was wrapped in a code fence";

	private static final String PROSE = "text around the answer JSON was ignored";

	private final AnswerReader reader = new AnswerReader(new SpatialLimits(5, 4096, 40, 100_000));

	@Test
	void readsABareArrayWithoutWarnings() {
		ParsedAnswer answer = this.reader.read(TWO);
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.items().get(0).box2d()).containsExactly(decimals(120, 80, 940, 610));
		assertThat(answer.items().get(1).index()).isEqualTo(1);
		assertThat(answer.warnings()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "```json\n%s\n```", "```JSON\n%s\n```", "```Json %s```", "```\n%s\n```",
			"   ```json\n   %s\n   ```\n", "\t```json\r\n\t%s\r\n\t```" })
	void readsJsonInsideAFenceOfAnyCaseOrIndentation(String template) {
		ParsedAnswer answer = this.reader.read(template.formatted(TWO));
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.warnings()).containsExactly(FENCED);
	}

	@Test
	void warnsAboutProseAroundAFence() {
		ParsedAnswer answer = this.reader.read("Here you go:\n```json\n" + TWO + "\n```\nHope that helps.");
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.warnings()).containsExactly(FENCED, PROSE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "I found these: %s", "%s\nThat is all.", "Objects [2 of them]: %s (done)" })
	void readsJsonSurroundedByProse(String template) {
		ParsedAnswer answer = this.reader.read(template.formatted(TWO));
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.warnings()).containsExactly(PROSE);
	}

	@Test
	void readsTheArrayInsideAWrappingObject() {
		ParsedAnswer answer = this.reader.read("{\"count\": 2, \"objects\": " + TWO + ", \"note\": {\"a\": 1}}");
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.warnings()).isEmpty();
	}

	@Test
	void keepsEveryCompleteItemOfATruncatedAnswer() {
		ParsedAnswer answer = this.reader.read("[" + CAT + ", " + DOG + ", {\"box_2d\": [5, 6");
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.warnings()).containsExactly("answer was truncated; kept 2 complete items");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "{\"box_2d\": [1, 2, 3, 4], \"label\": \"ha", "{\"box_2d\": [1, 2, 3, 4], \"label\": \"x\"}",
					"{\"box_2d\": [1, 2, 3, 4], \"mask\": \"data:image/png;base64,iVBOR", "" })
	void keepsCompleteItemsWhereverAFencedAnswerWasCut(String tail) {
		ParsedAnswer answer = this.reader.read("```json\n[" + CAT + ", " + tail);
		assertThat(labels(answer)).startsWith("cat");
		assertThat(answer.warnings()).contains(FENCED)
			.contains("answer was truncated; kept " + answer.items().size() + " complete items");
	}

	@Test
	void readsNumbersGivenAsStringsOrFloats() {
		ParsedAnswer answer = this.reader.read("[{\"box_2d\": [\"290\", \" 80.5 \", 940.25, 289.99999999999999999]}]");
		assertThat(answer.items().get(0).box2d()).containsExactly(new BigDecimal("290"), new BigDecimal("80.5"),
				new BigDecimal("940.25"), new BigDecimal("289.99999999999999999"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "box_2d", "box2d", "Box_2D", "BOX2D" })
	void acceptsEitherSpellingOfTheBoxKey(String key) {
		ParsedAnswer answer = this.reader.read("[{\"" + key + "\": [1, 2, 3, 4], \"label\": \"cup\"}]");
		assertThat(labels(answer)).containsExactly("cup");
	}

	@Test
	void callsAnUnlabelledItemObject() {
		ParsedAnswer answer = this.reader
			.read("[{\"box_2d\": [1, 2, 3, 4]}, {\"box_2d\": [1, 2, 3, 4], \"label\": \" \"}]");
		assertThat(labels(answer)).containsExactly("object", "object");
	}

	@Test
	void keepsTheMaskText() {
		ParsedAnswer answer = this.reader.read("[{\"box_2d\": [1, 2, 3, 4], \"mask\": \"<seg_0>\"}, " + CAT + "]");
		assertThat(answer.items()).extracting(RawItem::mask).containsExactly(new RawMask.PngMap("<seg_0>"), null);
	}

	@Test
	void dropsABadItemAndKeepsTheOthers() {
		AnswerReader reader = new AnswerReader(SpatialLimits.defaults());
		ParsedAnswer answer = reader.read("[" + CAT + ", {\"label\": \"ghost\"}, {\"box_2d\": [1, 2, 3]}, "
				+ "{\"box_2d\": [1, \"two\", 3, 4]}, 42, " + DOG + "]");
		assertThat(labels(answer)).containsExactly("cat", "dog");
		assertThat(answer.items()).extracting(RawItem::index).containsExactly(0, 5);
		assertThat(answer.warnings()).containsExactly("item 1 dropped: it has no box_2d",
				"item 2 dropped: box_2d is not a list of 4 numbers", "item 3 dropped: box_2d[1] is not a number",
				"item 4 dropped: it is not a JSON object");
	}

	@Test
	void dropsAnItemWithAnAbsurdExponentCheaply() {
		ParsedAnswer answer = assertTimeout(Duration.ofSeconds(1), () -> this.reader
			.read("[{\"box_2d\": [0E+999999999, 1, 2, 3]}, {\"box_2d\": [\"1e-999999999\", 1, 2, 3]}, " + CAT + "]"));
		assertThat(labels(answer)).containsExactly("cat");
		assertThat(answer.warnings()).containsExactly("item 0 dropped: box_2d[0] has too large an exponent",
				"item 1 dropped: box_2d[0] has too large an exponent");
	}

	@Test
	void readsAnEmptyArrayAsNoDetections() {
		ParsedAnswer answer = this.reader.read("```json\n[]\n```");
		assertThat(answer.items()).isEmpty();
		assertThat(answer.warnings()).containsExactly(FENCED);
	}

	@Test
	void keepsTheFirstItemsUpToTheLimit() {
		ParsedAnswer answer = this.reader
			.read("[" + String.join(", ", List.of(CAT, CAT, CAT, CAT, CAT, DOG, DOG)) + "]");
		assertThat(answer.items()).hasSize(5);
		assertThat(answer.warnings()).containsExactly("answer has 7 items; kept the first 5");
	}

	@ParameterizedTest
	@ValueSource(strings = { "I could not find any objects in this image.", "{\"error\": \"none\"}",
			"[{\"label\": \"cat\"}, {\"box_2d\": \"everywhere\"}]", "[{\"box_2d\": [1, 2", "[1, 2, 3]", "[JSON]" })
	void rejectsAnAnswerWithNothingUsable(String text) {
		VisionException ex = catchThrowableOfType(VisionException.class, () -> this.reader.read(text));
		assertThat(ex.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
		assertThat(ex.detail()).startsWith("The model's answer");
		assertThat(ex.properties().get("rawAnswer")).isEqualTo(text.substring(0, Math.min(40, text.length())));
	}

	@Test
	void namesTheReasonWhenEveryItemIsBad() {
		VisionException ex = catchThrowableOfType(VisionException.class,
				() -> this.reader.read("[{\"label\": \"cat\"}]"));
		assertThat(ex.detail())
			.isEqualTo("The model's answer holds no usable detections: item 0 dropped: it has no box_2d");
	}

	@Test
	void rejectsDeeplyNestedInputFast() {
		String nested = "[".repeat(50_000) + "]".repeat(50_000);
		VisionException ex = assertTimeout(Duration.ofSeconds(1),
				() -> catchThrowableOfType(VisionException.class, () -> this.reader.read(nested)));
		assertThat(ex.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
		assertThat((String) ex.properties().get("rawAnswer")).hasSize(40);
	}

	@Test
	void rejectsAnOverlongAnswerWithoutParsingIt() {
		String giant = "[" + (CAT + ",").repeat(3_000) + CAT + "]";
		VisionException ex = assertTimeout(Duration.ofSeconds(1),
				() -> catchThrowableOfType(VisionException.class, () -> this.reader.read(giant)));
		assertThat(ex.detail()).isEqualTo("The model's answer is longer than 100000 characters");
		assertThat((String) ex.properties().get("rawAnswer")).isEqualTo(giant.substring(0, 40));
	}

	@Test
	void keepsItemsBeforeANumberThatIsTooLong() {
		ParsedAnswer answer = this.reader.read("[" + CAT + ", {\"box_2d\": [" + "9".repeat(100) + ", 1, 2, 3]}]");
		assertThat(labels(answer)).containsExactly("cat");
		assertThat(answer.warnings())
			.containsExactly("answer JSON is malformed after its first items; kept 1 complete items");
	}

	private static List<String> labels(ParsedAnswer answer) {
		return answer.items().stream().map(RawItem::label).toList();
	}

	private static BigDecimal[] decimals(int... values) {
		return Arrays.stream(values).mapToObj(BigDecimal::valueOf).toArray(BigDecimal[]::new);
	}

}
