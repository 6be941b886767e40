package com.example.visiongateway.passthrough;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads a pass-through request's JSON body onto the heap, bounded by
 * {@code vision.passthrough.max-body-size} and charged to the heap budget as it arrives:
 * a body announced too large is refused before a byte is read, one that turns out too
 * large as soon as it passes the limit.
 */
final class CallerBody {

	private static final int BLOCK = 64 * 1024;

	private CallerBody() {
	}

	static byte[] read(HttpServletRequest request, long max, Reservation heap) throws IOException {
		long announced = request.getContentLengthLong();
		if (announced > max) {
			throw tooLarge(max);
		}
		if (announced >= 0) {
			heap.add(announced);
			byte[] body = request.getInputStream().readNBytes((int) announced);
			if (body.length != announced) {
				throw new VisionException(ErrorCode.BAD_REQUEST, "The request body ended early.");
			}
			return body;
		}
		// Chunked: read by blocks, each charged before it is held, then joined once
		List<byte[]> blocks = new ArrayList<>();
		long total = 0;
		InputStream in = request.getInputStream();
		byte[] block;
		do {
			heap.add(BLOCK);
			block = in.readNBytes(BLOCK);
			heap.give(BLOCK - block.length);
			total += block.length;
			if (total > max) {
				throw tooLarge(max);
			}
			blocks.add(block);
		}
		while (block.length == BLOCK);
		heap.add(total);
		byte[] body = new byte[(int) total];
		int at = 0;
		for (byte[] part : blocks) {
			System.arraycopy(part, 0, body, at, part.length);
			at += part.length;
		}
		heap.give(total);
		return body;
	}

	private static VisionException tooLarge(long max) {
		// Gemini's own words for its payload limit, so SDK users recognise it
		return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
				"Request payload size exceeds the limit: " + max + " bytes.", Map.of("limit", max));
	}

}
