package com.example.visiongateway.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.example.visiongateway.error.Texts;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * Refuses parts an endpoint does not know, so nothing a caller sends is silently ignored
 * (a misspelt part, say).
 */
final class PartNames {

	private static final List<String> SHARED = List.of("images", "fileIds", "imageUrls", "model", "systemInstruction",
			"maxDimension", "mediaResolution");

	/** Unknown names echoed back at most, each cut short: the caller chose them. */
	private static final int MAX_ECHOED = 10;

	private PartNames() {
	}

	/** The parts of a vision endpoint: the shared ones and the task's own. */
	static void checkVision(HttpServletRequest request, String... taskParts) {
		Set<String> allowed = new TreeSet<>(SHARED);
		allowed.addAll(List.of(taskParts));
		checkExactly(request, allowed);
	}

	static void checkExactly(HttpServletRequest request, Collection<String> allowed) {
		Set<String> unknown = new TreeSet<>(request.getParameterMap().keySet());
		if (request instanceof MultipartHttpServletRequest multipart) {
			unknown.addAll(multipart.getMultiFileMap().keySet());
		}
		unknown.removeAll(allowed);
		if (!unknown.isEmpty()) {
			List<String> echoed = unknown.stream().limit(MAX_ECHOED).map((name) -> Texts.abbreviate(name, 64)).toList();
			Set<String> known = new TreeSet<>(allowed);
			throw new VisionException(ErrorCode.BAD_REQUEST,
					"Unknown part(s) " + echoed + "; this endpoint accepts " + known + ".",
					Map.of("unknownParts", echoed, "knownParts", known));
		}
	}

}
