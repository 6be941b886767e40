package com.example.visiongateway.transfer;

import java.time.Instant;

import com.example.visiongateway.image.ImageInfo;

/**
 * An image that lives in Gemini's file store.
 *
 * @param id the file id ({@code name} without {@code files/})
 * @param uri what a {@code fileData} part names
 * @param mimeType the image type
 * @param sizeBytes bytes stored
 * @param sha256 hex digest of the bytes, when known
 * @param info header facts, when the gateway uploaded it (null otherwise)
 * @param displayName the caller's name for it, when known (it is kept by the gateway,
 * never sent to Gemini)
 * @param state PROCESSING, ACTIVE or FAILED
 * @param expiresAt when Gemini deletes it
 * @param owner the owning tenant's id, or null when unknown (a file the gateway did not
 * tag)
 */
public record RegisteredFile(String id, String uri, String mimeType, long sizeBytes, String sha256, ImageInfo info,
		String displayName, String state, Instant expiresAt, String owner) {

	RegisteredFile withDisplayName(String name) {
		return new RegisteredFile(this.id, this.uri, this.mimeType, this.sizeBytes, this.sha256, this.info, name,
				this.state, this.expiresAt, this.owner);
	}

	public String name() {
		return "files/" + this.id;
	}

}
