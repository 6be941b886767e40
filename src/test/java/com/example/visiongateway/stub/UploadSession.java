package com.example.visiongateway.stub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One resumable upload in progress. Bytes are hashed as they arrive and then dropped, so
 * memory stays bounded whatever the upload size. Guarded by its own monitor: chunks of
 * one session may race.
 */
final class UploadSession {

	private final String id;

	private final String version;

	private final String displayName;

	private final String mimeType;

	private final long declaredLength;

	private final String requestedId;

	private final MessageDigest digest;

	private long received;

	private String finalFileId;

	UploadSession(String id, String version, String displayName, String mimeType, long declaredLength,
			String requestedId) {
		this.id = id;
		this.version = version;
		this.displayName = displayName;
		this.mimeType = mimeType;
		this.declaredLength = declaredLength;
		this.requestedId = requestedId;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JRE ships SHA-256", ex);
		}
	}

	String id() {
		return this.id;
	}

	String version() {
		return this.version;
	}

	String displayName() {
		return this.displayName;
	}

	String mimeType() {
		return this.mimeType;
	}

	long declaredLength() {
		return this.declaredLength;
	}

	/** The file id the client asked for, or {@code null} to let the store choose one. */
	String requestedId() {
		return this.requestedId;
	}

	synchronized long received() {
		return this.received;
	}

	synchronized String finalFileId() {
		return this.finalFileId;
	}

	/**
	 * Appends a chunk sent at {@code offset}; the offset must be exactly what was
	 * received so far.
	 */
	synchronized void append(long offset, byte[] chunk) {
		if (this.finalFileId != null) {
			throw GoogleError.invalidArgument("The upload session is already finalized.");
		}
		if (offset != this.received) {
			throw GoogleError.invalidArgument(
					"Invalid upload offset " + offset + ": " + this.received + " bytes were received so far.");
		}
		if (this.received + chunk.length > this.declaredLength) {
			throw GoogleError.invalidArgument("The upload exceeds the declared length of " + this.declaredLength
					+ " bytes (X-Goog-Upload-Header-Content-Length).");
		}
		this.digest.update(chunk);
		this.received += chunk.length;
	}

	/**
	 * Closes the session for {@code fileId}; returns Google's sha256Hash: base64 of the
	 * hex digest text.
	 */
	synchronized String finish(String fileId) {
		if (this.finalFileId != null) {
			throw GoogleError.invalidArgument("The upload session is already finalized.");
		}
		if (this.received != this.declaredLength) {
			throw GoogleError.invalidArgument("The upload has " + this.received + " bytes but " + this.declaredLength
					+ " were declared (X-Goog-Upload-Header-Content-Length).");
		}
		this.finalFileId = fileId;
		String hex = HexFormat.of().formatHex(this.digest.digest());
		return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
	}

}
