package com.example.visiongateway.passthrough;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import com.example.visiongateway.gemini.wire.UsageMetadata;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code usageMetadata} of one forwarded answer, read as the answer passes: from a
 * generateContent answer's JSON, or from the events of a streamed one, where the last
 * event that has it holds the call's total. The provider budget corrects its charge by it
 * and the token meters count it, as for the vision endpoints. Both read the same chunks
 * (the gate first): a chunk is read once. An answer the gateway cannot read simply has no
 * usage; it is still forwarded as it came.
 */
final class AnswerUsage {

	private static final String FIELD = "usageMetadata";

	private static final byte[] QUOTED_FIELD = ("\"" + FIELD + "\"").getBytes(StandardCharsets.US_ASCII);

	private static final byte[] DATA = "data:".getBytes(StandardCharsets.US_ASCII);

	/**
	 * An event is held until it is complete; events that carry usage are small, and a
	 * longer one is passed on unread rather than held.
	 */
	private static final int MAX_EVENT = 1024 * 1024;

	private final JsonMapper json;

	/** Reads the usage object in the middle of the answer, the rest left unread. */
	private final ObjectReader usageReader;

	private final boolean events;

	private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

	private boolean skipping;

	private Object lastRead;

	private volatile UsageMetadata last;

	private AnswerUsage(JsonMapper json, boolean events) {
		this.json = json;
		this.usageReader = json.readerFor(UsageMetadata.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
		this.events = events;
	}

	/** For an answer that is one JSON object. */
	static AnswerUsage ofJson(JsonMapper json) {
		return new AnswerUsage(json, false);
	}

	/** For a server-sent event stream, chunk by chunk as the network cut it. */
	static AnswerUsage ofEvents(JsonMapper json) {
		return new AnswerUsage(json, true);
	}

	/**
	 * Reads {@code answer} (a body or a chunk, once however often it is offered) and
	 * gives the total tokens seen so far, or -1 when none were reported yet.
	 */
	synchronized long totalTokens(Object answer) {
		if (answer instanceof byte[] bytes && answer != this.lastRead) {
			this.lastRead = answer;
			if (this.events) {
				readEvents(bytes);
			}
			else {
				readJson(bytes, 0, bytes.length);
			}
		}
		UsageMetadata usage = this.last;
		return (usage != null) ? usage.totalTokenCount() : -1;
	}

	/** The last usage reported, or {@code null}. */
	UsageMetadata last() {
		return this.last;
	}

	private void readEvents(byte[] chunk) {
		int start = 0;
		for (int i = 0; i < chunk.length; i++) {
			if (chunk[i] == '\n' && endsBlankLine(chunk, i)) {
				this.pending.write(chunk, start, i + 1 - start);
				if (!this.skipping) {
					readEvent(this.pending.toByteArray());
				}
				this.pending.reset();
				this.skipping = false;
				start = i + 1;
			}
		}
		if (!this.skipping) {
			this.pending.write(chunk, start, chunk.length - start);
			if (this.pending.size() > MAX_EVENT) {
				this.pending.reset();
				this.skipping = true;
			}
		}
	}

	/**
	 * Whether the {@code \n} at {@code at} ends a blank line ({@code \n\n} or
	 * {@code \n\r\n}), looking back into the held bytes where the chunk starts.
	 */
	private boolean endsBlankLine(byte[] chunk, int at) {
		int previous = at - 1;
		byte before = byteAt(chunk, previous);
		if (before == '\r') {
			before = byteAt(chunk, --previous);
		}
		return before == '\n';
	}

	private byte byteAt(byte[] chunk, int index) {
		if (index >= 0) {
			return chunk[index];
		}
		int held = this.pending.size() + index;
		return (held >= 0 && !this.skipping) ? this.pending.toByteArray()[held] : 0;
	}

	/** One whole event: its {@code data:} line parsed when it mentions usage. */
	private void readEvent(byte[] event) {
		if (indexOf(event, QUOTED_FIELD, 0) < 0) {
			return;
		}
		int line = 0;
		while (line < event.length) {
			int end = line;
			while (end < event.length && event[end] != '\n' && event[end] != '\r') {
				end++;
			}
			if (startsWith(event, line, DATA)) {
				int from = line + DATA.length;
				if (from < end && event[from] == ' ') {
					from++;
				}
				readJson(event, from, end - from);
			}
			line = end + 1;
		}
	}

	/** The top level's {@code usageMetadata}, every other field skipped unread. */
	private void readJson(byte[] bytes, int offset, int length) {
		try (JsonParser parser = this.json.createParser(bytes, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if (FIELD.equals(name) && value == JsonToken.START_OBJECT) {
					this.last = this.usageReader.readValue(parser);
					return;
				}
				parser.skipChildren();
			}
		}
		catch (JacksonException unreadable) {
			// Gemini's answer goes back as it came; it just has no usage to count
		}
	}

	private static boolean startsWith(byte[] bytes, int at, byte[] prefix) {
		if (at + prefix.length > bytes.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (bytes[at + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int indexOf(byte[] bytes, byte[] wanted, int from) {
		for (int i = from; i + wanted.length <= bytes.length; i++) {
			if (startsWith(bytes, i, wanted)) {
				return i;
			}
		}
		return -1;
	}

}
