package com.example.visiongateway.spatial;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the array of detections in a model's answer text, however it was wrapped: inside
 * {@code ```json} or bare fences (any case, any indentation), with prose before or after
 * it, as a top-level array or as the first array member of an object ({@code {"objects":
 * [...]}}), or cut short by the output token limit, in which case every complete item is
 * kept.
 * <p>
 * The answer is streamed, so a truncated or partly malformed answer still yields the
 * items before the damage. Work is bounded: the answer length, nesting depth, number and
 * string lengths are capped by Jackson's stream constraints, at most
 * {@value #MAX_ATTEMPTS} candidate starts are tried, and items beyond
 * {@link SpatialLimits#maxItems()} are skipped without being built.
 */
final class AnswerReader {

	private static final String FENCE = "```";

	private static final int MAX_FENCED_BLOCKS = 4;

	private static final int MAX_ATTEMPTS = 16;

	/** An answer is array, item, box: anything much deeper is not a detection answer. */
	private static final int MAX_NESTING_DEPTH = 32;

	private static final int MAX_NAME_CHARS = 256;

	private final SpatialLimits limits;

	private final JsonMapper mapper;

	AnswerReader(SpatialLimits limits) {
		this.limits = limits;
		StreamReadConstraints constraints = StreamReadConstraints.builder()
			.maxDocumentLength(limits.maxAnswerChars())
			.maxStringLength(limits.maxAnswerChars())
			.maxNestingDepth(MAX_NESTING_DEPTH)
			.maxNumberLength(ItemParser.MAX_COORDINATE_CHARS)
			.maxNameLength(MAX_NAME_CHARS)
			.build();
		JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints).build();
		// Floats as BigDecimal: coordinates are floored exactly on their decimal value.
		this.mapper = JsonMapper.builder(factory)
			.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
			.disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * Read the items of an answer.
	 * @param answer the model's answer text
	 * @return the well-formed items and the repairs made
	 * @throws VisionException {@link ErrorCode#UPSTREAM_ERROR} when nothing usable is
	 * found
	 */
	ParsedAnswer read(String answer) {
		if (answer == null || answer.isBlank()) {
			throw unusable("The model's answer is empty", "");
		}
		if (answer.length() > this.limits.maxAnswerChars()) {
			throw unusable("The model's answer is longer than " + this.limits.maxAnswerChars() + " characters", answer);
		}
		String firstFailure = null;
		int attempts = 0;
		for (Region region : regions(answer)) {
			char[] chars = region.text().toCharArray();
			for (int start = jsonStart(chars, 0); start >= 0
					&& attempts < MAX_ATTEMPTS; start = jsonStart(chars, start + 1)) {
				attempts++;
				Attempt attempt = parse(chars, start);
				if (attempt.usable()) {
					return attempt.toAnswer(region, chars, start);
				}
				if (firstFailure == null) {
					firstFailure = attempt.failure();
				}
			}
		}
		throw unusable("The model's answer holds no usable detections: "
				+ ((firstFailure != null) ? firstFailure : "it contains no JSON array"), answer);
	}

	private VisionException unusable(String detail, String answer) {
		return new VisionException(ErrorCode.UPSTREAM_ERROR, detail,
				Map.of("rawAnswer", bounded(answer, this.limits.maxRawAnswerChars())));
	}

	static String bounded(String text, int maxChars) {
		if (text.length() <= maxChars) {
			return text;
		}
		int end = maxChars;
		if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

	/** Fenced blocks first, in order, then the whole answer as a fallback. */
	private static List<Region> regions(String answer) {
		List<Region> regions = new ArrayList<>();
		int from = 0;
		while (regions.size() < MAX_FENCED_BLOCKS) {
			int open = answer.indexOf(FENCE, from);
			if (open < 0) {
				break;
			}
			int body = skipLanguageTag(answer, skipBackticks(answer, open));
			int close = answer.indexOf(FENCE, body);
			int end = (close < 0) ? answer.length() : close;
			int after = (close < 0) ? answer.length() : skipBackticks(answer, close);
			boolean prose = !isBlank(answer, 0, open) || !isBlank(answer, after, answer.length());
			regions.add(new Region(answer.substring(body, end), true, prose));
			if (close < 0) {
				break;
			}
			from = after;
		}
		regions.add(new Region(answer, false, false));
		return regions;
	}

	private static int skipBackticks(String text, int index) {
		while (index < text.length() && text.charAt(index) == '`') {
			index++;
		}
		return index;
	}

	private static int skipLanguageTag(String text, int index) {
		while (index < text.length()
				&& (Character.isLetterOrDigit(text.charAt(index)) || "_-+.".indexOf(text.charAt(index)) >= 0)) {
			index++;
		}
		return index;
	}

	private static boolean isBlank(CharSequence text, int from, int to) {
		for (int i = from; i < to; i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static int jsonStart(char[] chars, int from) {
		for (int i = from; i < chars.length; i++) {
			if (chars[i] == '[' || chars[i] == '{') {
				return i;
			}
		}
		return -1;
	}

	private Attempt parse(char[] chars, int start) {
		Collector collector = new Collector(this.limits.maxItems());
		int length = chars.length - start;
		try (JsonParser parser = this.mapper.createParser(chars, start, length)) {
			boolean wrapped = parser.nextToken() == JsonToken.START_OBJECT;
			if (wrapped && !enterWrappedArray(parser)) {
				return collector.failed("the JSON object holds no array of detections");
			}
			readItems(parser, collector);
			int end = wrapped ? finishWrapper(parser, length) : offset(parser.currentLocation(), length);
			return collector.done(Ending.COMPLETE, start + end);
		}
		catch (JacksonException ex) {
			boolean atEnd = ex instanceof UnexpectedEndOfInputException || offset(ex.getLocation(), -1) >= length;
			return collector.done(atEnd ? Ending.TRUNCATED : Ending.BROKEN, chars.length);
		}
	}

	/**
	 * Moves to the first array member of an object; box-like members are not detection
	 * lists.
	 */
	private static boolean enterWrappedArray(JsonParser parser) {
		for (JsonToken token = parser.nextToken(); token == JsonToken.PROPERTY_NAME; token = parser.nextToken()) {
			String name = parser.currentName();
			if (parser.nextToken() == JsonToken.START_ARRAY && !name.replace("_", "").equalsIgnoreCase("box2d")) {
				return true;
			}
			parser.skipChildren();
		}
		return false;
	}

	private void readItems(JsonParser parser, Collector collector) {
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			if (collector.full()) {
				parser.skipChildren();
				collector.skip();
			}
			else if (token == JsonToken.START_OBJECT) {
				collector.add(this.mapper.readTree(parser));
			}
			else {
				parser.skipChildren();
				collector.drop("it is not a JSON object");
			}
		}
	}

	/** Reads past the wrapper's other members; damage there cannot affect the items. */
	private static int finishWrapper(JsonParser parser, int length) {
		try {
			for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
				parser.skipChildren();
			}
			return offset(parser.currentLocation(), length);
		}
		catch (JacksonException ex) {
			return length;
		}
	}

	private static int offset(TokenStreamLocation location, int fallback) {
		return (location != null && location.getCharOffset() >= 0) ? (int) location.getCharOffset() : fallback;
	}

	/**
	 * A piece of the answer that may hold the JSON.
	 *
	 * @param text the piece
	 * @param fenced whether it is the body of a code fence
	 * @param proseOutside whether there is text outside the fence
	 */
	private record Region(String text, boolean fenced, boolean proseOutside) {
	}

	private enum Ending {

		COMPLETE, TRUNCATED, BROKEN, NOT_FOUND

	}

	/** Items of one attempt, with the drop warnings in the model's order. */
	private static final class Collector {

		private final int maxItems;

		private final List<RawItem> items = new ArrayList<>();

		private final List<String> warnings = new ArrayList<>();

		private int seen;

		Collector(int maxItems) {
			this.maxItems = maxItems;
		}

		boolean full() {
			return this.seen >= this.maxItems;
		}

		void add(JsonNode node) {
			try {
				this.items.add(ItemParser.parse(this.seen, node));
				this.seen++;
			}
			catch (ItemParser.BadItemException ex) {
				drop(ex.getMessage());
			}
		}

		void drop(String reason) {
			this.warnings.add("item " + this.seen + " dropped: " + reason);
			this.seen++;
		}

		void skip() {
			this.seen++;
		}

		Attempt failed(String failure) {
			return new Attempt(List.of(), List.of(), 0, 0, Ending.NOT_FOUND, 0, failure);
		}

		Attempt done(Ending ending, int end) {
			String failure = switch (ending) {
				case TRUNCATED -> "the answer was cut off before its first complete item";
				case BROKEN -> "the answer is not valid JSON";
				default -> this.warnings.isEmpty() ? null : this.warnings.get(0);
			};
			return new Attempt(this.items, this.warnings, this.seen, this.maxItems, ending, end, failure);
		}

	}

	/**
	 * The outcome of parsing from one candidate start.
	 *
	 * @param items the well-formed items
	 * @param itemWarnings why other items were dropped
	 * @param seen how many items the array held (as far as it was read)
	 * @param maxItems the item limit in force
	 * @param ending how the array ended
	 * @param end where the JSON ended in the region
	 * @param failure why the attempt is unusable, if it is
	 */
	private record Attempt(List<RawItem> items, List<String> itemWarnings, int seen, int maxItems, Ending ending,
			int end, String failure) {

		/**
		 * An empty array is a valid answer; otherwise at least one item must be usable.
		 */
		boolean usable() {
			if (this.ending == Ending.NOT_FOUND) {
				return false;
			}
			return !this.items.isEmpty() || (this.ending == Ending.COMPLETE && this.seen == 0);
		}

		ParsedAnswer toAnswer(Region region, char[] chars, int start) {
			List<String> warnings = new ArrayList<>();
			if (region.fenced()) {
				warnings.add("answer JSON was wrapped in a code fence");
			}
			CharSequence text = CharBuffer.wrap(chars);
			boolean trailing = this.ending == Ending.COMPLETE && !isBlank(text, this.end, chars.length);
			if (region.proseOutside() || !isBlank(text, 0, start) || trailing) {
				warnings.add("text around the answer JSON was ignored");
			}
			if (this.ending == Ending.TRUNCATED) {
				warnings.add("answer was truncated; kept " + this.items.size() + " complete items");
			}
			else if (this.ending == Ending.BROKEN) {
				warnings.add("answer JSON is malformed after its first items; kept " + this.items.size()
						+ " complete items");
			}
			warnings.addAll(this.itemWarnings);
			if (this.seen > this.maxItems) {
				warnings.add("answer has " + this.seen + " items; kept the first " + this.maxItems);
			}
			return new ParsedAnswer(List.copyOf(this.items), warnings);
		}

	}

}
