package com.example.visiongateway.fetch;

import java.util.LinkedHashMap;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

/**
 * The problems a fetch raises; they name the host and the URL without its query, never
 * the full URL.
 */
final class FetchProblems {

	private FetchProblems() {
	}

	static VisionException notAllowed(FetchTarget target, String reason) {
		return new VisionException(ErrorCode.URL_NOT_ALLOWED,
				"The gateway does not fetch from " + target.host() + ": " + reason + ".", members(target));
	}

	static VisionException failed(FetchTarget target, String reason) {
		return failed(target, reason, Map.of());
	}

	static VisionException failed(FetchTarget target, String reason, Map<String, Object> extra) {
		Map<String, Object> members = members(target);
		members.putAll(extra);
		return new VisionException(ErrorCode.URL_FETCH_FAILED,
				"Fetching the image from " + target.host() + " failed: " + reason + ".", members);
	}

	private static Map<String, Object> members(FetchTarget target) {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("url", target.shown());
		members.put("host", target.host());
		return members;
	}

}
