package com.example.visiongateway.error;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure the caller should see as a contract problem: a {@link ErrorCode}, a
 * human-readable detail (never a class name or stack trace), and optional extra problem
 * members such as {@code limit}, {@code actual} or {@code imageIndex}.
 */
public class VisionException extends RuntimeException {

	private final ErrorCode code;

	private final Map<String, Object> properties;

	public VisionException(ErrorCode code, String detail) {
		this(code, detail, Map.of());
	}

	public VisionException(ErrorCode code, String detail, Map<String, ?> properties) {
		super(detail, null, false, false);
		this.code = code;
		this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
	}

	public ErrorCode code() {
		return this.code;
	}

	public String detail() {
		return getMessage();
	}

	public Map<String, Object> properties() {
		return this.properties;
	}

	/**
	 * The same problem tied to one input image, so multi-image answers can say which one.
	 */
	public VisionException forImage(int index) {
		Map<String, Object> withIndex = new LinkedHashMap<>(this.properties);
		withIndex.put("imageIndex", index);
		return new VisionException(this.code, getMessage(), withIndex);
	}

}
