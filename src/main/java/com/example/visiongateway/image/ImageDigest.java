package com.example.visiongateway.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.example.visiongateway.io.ByteSource;

/**
 * The SHA-256 of an image's bytes, computed in one streaming pass unless known already
 * (files are deduplicated by it).
 */
public final class ImageDigest {

	private static final int BUFFER_SIZE = 64 * 1024;

	private ImageDigest() {
	}

	/**
	 * @return the lower-case hex SHA-256 of all the bytes
	 * @throws UncheckedIOException if the bytes cannot be read: a server-side fault, not
	 * the caller's
	 */
	public static String sha256Hex(ByteSource bytes) {
		if (bytes.knownSha256() != null) {
			return bytes.knownSha256();
		}
		MessageDigest digest = newSha256();
		byte[] buffer = new byte[BUFFER_SIZE];
		try (InputStream in = bytes.openStream()) {
			for (int count = in.read(buffer); count >= 0; count = in.read(buffer)) {
				digest.update(buffer, 0, count);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the image to digest it", ex);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	public static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// every Java platform is required to provide SHA-256
			throw new IllegalStateException(ex);
		}
	}

}
