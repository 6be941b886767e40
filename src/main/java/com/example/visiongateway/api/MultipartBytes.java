package com.example.visiongateway.api;

import com.example.visiongateway.io.ByteSource;

import org.springframework.web.multipart.MultipartFile;

/**
 * The bytes of an uploaded part: the gateway's multipart reader makes every file part a
 * re-readable source.
 */
final class MultipartBytes {

	private MultipartBytes() {
	}

	static ByteSource of(MultipartFile file) {
		if (file instanceof ByteSource source) {
			return source;
		}
		throw new IllegalStateException(
				"File parts come from StreamingMultipartResolver, not from " + file.getClass().getSimpleName());
	}

}
