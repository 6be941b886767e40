package com.example.visiongateway.api;

import java.time.Instant;

import com.example.visiongateway.transfer.RegisteredFile;

/**
 * A stored image as the contract shows it. Width and height (upright) are known for files
 * uploaded through the gateway; {@code deduplicated} says an upload reused identical
 * bytes stored earlier.
 */
record FileResponse(String id, String name, String displayName, String uri, String mimeType, long sizeBytes,
		String sha256, Integer width, Integer height, String state, Instant expiresAt, boolean deduplicated) {

	static FileResponse of(RegisteredFile file, boolean deduplicated) {
		var info = file.info();
		return new FileResponse(file.id(), file.name(), file.displayName(), file.uri(), file.mimeType(),
				file.sizeBytes(), file.sha256(), (info != null) ? info.uprightWidth() : null,
				(info != null) ? info.uprightHeight() : null, file.state(), file.expiresAt(), deduplicated);
	}

}
