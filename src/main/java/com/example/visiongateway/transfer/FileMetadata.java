package com.example.visiongateway.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageType;

/**
 * Carries an uploaded image's header facts inside its Gemini display name, so that every replica can turn a
 * {@code fileIds} entry back into pixel geometry without shared storage. Pure string handling.
 */
public final class FileMetadata {

	private static final String TAG = "#vg1;";

	/** Gemini allows 512 characters; the tag needs about 110. */
	private static final int MAX_CALLER_NAME = 256;

	private FileMetadata() {
	}

	/** The caller's name with the image facts appended. */
	public static String encode(String callerName, ImageInfo info, String sha256) {
		String name = (callerName != null) ? callerName : "";
		if (name.length() > MAX_CALLER_NAME) {
			name = name.substring(0, MAX_CALLER_NAME);
		}
		return name + TAG + "t=" + info.type().name() + ";w=" + info.width() + ";h=" + info.height() + ";o="
				+ info.orientation() + ";sha256=" + sha256;
	}

	/** The caller's part of a display name (the whole name when it carries no tag). */
	public static String callerName(String displayName) {
		if (displayName == null) {
			return null;
		}
		int tag = displayName.lastIndexOf(TAG);
		return (tag >= 0) ? displayName.substring(0, tag) : displayName;
	}

	/** The image facts in a display name this gateway wrote; empty for any other name or a damaged tag. */
	public static Optional<Decoded> decode(String displayName) {
		if (displayName == null) {
			return Optional.empty();
		}
		int tag = displayName.lastIndexOf(TAG);
		if (tag < 0) {
			return Optional.empty();
		}
		Map<String, String> fields = new HashMap<>();
		for (String field : displayName.substring(tag + TAG.length()).split(";")) {
			int eq = field.indexOf('=');
			if (eq > 0) {
				fields.put(field.substring(0, eq), field.substring(eq + 1));
			}
		}
		try {
			ImageInfo info = new ImageInfo(ImageType.valueOf(fields.get("t")), Integer.parseInt(fields.get("w")),
					Integer.parseInt(fields.get("h")), Integer.parseInt(fields.get("o")));
			String sha256 = fields.get("sha256");
			return (sha256 != null) ? Optional.of(new Decoded(info, sha256)) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Facts recovered from a display name. */
	public record Decoded(ImageInfo info, String sha256) {
	}

}
