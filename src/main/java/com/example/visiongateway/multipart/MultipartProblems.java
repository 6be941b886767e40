package com.example.visiongateway.multipart;

import java.time.Duration;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.VisionException;

/**
 * The reader's refusals as contract problems: byte and part limits are 413, anything
 * malformed or over-long text 400.
 */
final class MultipartProblems {

	/** Part names are the caller's: echoed at most this long. */
	private static final int MAX_ECHOED_NAME = 64;

	private MultipartProblems() {
	}

	static VisionException malformed(String why) {
		return new VisionException(ErrorCode.BAD_REQUEST,
				"The request is not a well-formed multipart/form-data body: " + why + ".");
	}

	static VisionException unreadable() {
		return new VisionException(ErrorCode.BAD_REQUEST, "The request body could not be read to its end.");
	}

	static VisionException timedOut(Duration timeout) {
		return new VisionException(ErrorCode.REQUEST_TIMEOUT,
				"The request body did not arrive within the " + timeout.toMillis() + " ms allowed.");
	}

	static VisionException requestTooLarge(long limit) {
		return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
				"The request is larger than the " + limit + " bytes allowed.", Map.of("limit", limit));
	}

	static VisionException fileTooLarge(String part, long limit) {
		String name = echoed(part);
		return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
				"A file in part '" + name + "' is larger than the " + limit + " bytes allowed per image.",
				Map.of("part", name, "limit", limit));
	}

	static VisionException tooManyParts(int limit) {
		return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
				"The request has more than the " + limit + " parts allowed.", Map.of("limit", limit));
	}

	static VisionException textPartTooLarge(String part, long limit) {
		String name = echoed(part);
		return new VisionException(ErrorCode.BAD_REQUEST,
				"The text part '" + name + "' is longer than the " + limit + " bytes allowed.",
				Map.of("part", name, "limit", limit));
	}

	static VisionException textTooLarge(long limit) {
		return new VisionException(ErrorCode.BAD_REQUEST,
				"The text parts together are longer than the " + limit + " bytes allowed.", Map.of("limit", limit));
	}

	static VisionException headersTooLarge(int limit) {
		return new VisionException(ErrorCode.BAD_REQUEST,
				"The headers of a part are longer than the " + limit + " bytes allowed (a very long filename?).",
				Map.of("limit", limit));
	}

	static String echoed(String name) {
		return Texts.abbreviate(name, MAX_ECHOED_NAME);
	}

}
