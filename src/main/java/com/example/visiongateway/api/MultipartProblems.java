package com.example.visiongateway.api;

import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.apache.tomcat.util.http.fileupload.InvalidFileNameException;
import org.apache.tomcat.util.http.fileupload.impl.FileCountLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.FileSizeLimitExceededException;
import org.apache.tomcat.util.http.fileupload.impl.SizeLimitExceededException;

import org.springframework.web.multipart.MultipartException;

/**
 * Turns the container's multipart failures into problems a caller can act on. Spring reports every limit Tomcat
 * enforces while streaming as one "maximum upload size exceeded"; the cause says which limit it was: an image (413),
 * the whole request (413), the part count (413), a text part or all text parts together (400, like any over-long
 * text), or a part's headers (400: a 10 KB filename, say).
 */
final class MultipartProblems {

	/** Field names are the caller's: echoed at most this long. */
	private static final int MAX_ECHOED_NAME = 64;

	private MultipartProblems() {
	}

	static VisionException toProblem(MultipartException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			VisionException problem = fromCause(cause);
			if (problem != null) {
				return problem;
			}
		}
		return new VisionException(ErrorCode.BAD_REQUEST, "The request is not a well-formed multipart/form-data body.");
	}

	private static VisionException fromCause(Throwable cause) {
		if (cause instanceof FileSizeLimitExceededException part) {
			String name = echoed(part.getFieldName());
			if (part.getFileName() == null) {
				return new VisionException(ErrorCode.BAD_REQUEST, "The text part '" + name + "' is longer than the "
						+ part.getPermittedSize() + " bytes allowed.", Map.of("part", name, "limit", part.getPermittedSize()));
			}
			return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE, "A file in part '" + name + "' is larger than the "
					+ part.getPermittedSize() + " bytes allowed per image.", Map.of("part", name, "limit", part.getPermittedSize()));
		}
		if (cause instanceof SizeLimitExceededException request) {
			// Tomcat reports over-long part headers with the same type; only its message tells them apart.
			if (String.valueOf(request.getMessage()).startsWith("Header section")) {
				return new VisionException(ErrorCode.BAD_REQUEST, "The headers of a part are longer than the "
						+ request.getPermittedSize() + " bytes allowed (a very long filename?).",
						Map.of("limit", request.getPermittedSize()));
			}
			return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
					"The request is larger than the " + request.getPermittedSize() + " bytes allowed.",
					Map.of("limit", request.getPermittedSize()));
		}
		if (cause instanceof FileCountLimitExceededException count) {
			return new VisionException(ErrorCode.PAYLOAD_TOO_LARGE,
					"The request has more than the " + count.getLimit() + " parts allowed.",
					Map.of("limit", count.getLimit()));
		}
		if (cause instanceof InvalidFileNameException) {
			return new VisionException(ErrorCode.BAD_REQUEST, "A filename contains a NUL character.");
		}
		if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("maxPostSize")) {
			return new VisionException(ErrorCode.BAD_REQUEST, "The text parts together are longer than the gateway "
					+ "accepts.");
		}
		return null;
	}

	private static String echoed(String name) {
		String value = (name != null) ? name : "";
		return (value.length() > MAX_ECHOED_NAME) ? value.substring(0, MAX_ECHOED_NAME) + "…" : value;
	}

}
