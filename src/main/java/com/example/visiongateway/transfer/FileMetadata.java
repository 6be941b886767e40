package com.example.visiongateway.transfer;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageType;

/**
 * Carries an uploaded image's header facts and its owner inside its Gemini display name,
 * so that every replica can turn a {@code fileIds} entry back into pixel geometry, and
 * tell whose file it is, without shared storage. The name holds nothing the caller chose
 * (no filename): the owner is a tenant's opaque id, never a key or a key name. Pure
 * string handling.
 */
public final class FileMetadata {

	private static final String TAG = "#vg2;";

	/**
	 * Written before tenancy: facts but no owner (and the caller's filename before the
	 * tag).
	 */
	private static final String UNOWNED_TAG = "#vg1;";

	private FileMetadata() {
	}

	/** The display name to store: the image facts and the owner's tenant id. */
	public static String encode(ImageInfo info, String sha256, String owner) {
		return TAG + "t=" + info.type().name() + ";w=" + info.width() + ";h=" + info.height() + ";o="
				+ info.orientation() + ";sha256=" + sha256 + ";owner=" + owner;
	}

	/**
	 * Whether a display name was written by this gateway (so it is no caller's name to
	 * show).
	 */
	public static boolean isTagged(String displayName) {
		return displayName != null && start(displayName) >= 0;
	}

	/**
	 * The facts in a display name this gateway wrote; empty for any other name or a
	 * damaged tag.
	 */
	public static Optional<Decoded> decode(String displayName) {
		if (displayName == null) {
			return Optional.empty();
		}
		int start = start(displayName);
		if (start < 0) {
			return Optional.empty();
		}
		Map<String, String> fields = new HashMap<>();
		for (String field : displayName.substring(start).split(";")) {
			int eq = field.indexOf('=');
			if (eq > 0) {
				fields.put(field.substring(0, eq), field.substring(eq + 1));
			}
		}
		try {
			ImageInfo info = new ImageInfo(ImageType.valueOf(fields.get("t")), Integer.parseInt(fields.get("w")),
					Integer.parseInt(fields.get("h")), Integer.parseInt(fields.get("o")));
			String sha256 = fields.get("sha256");
			return (sha256 != null) ? Optional.of(new Decoded(info, sha256, fields.get("owner"))) : Optional.empty();
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Where the fields begin, or -1 without a tag. */
	private static int start(String displayName) {
		int tag = displayName.lastIndexOf(TAG);
		if (tag >= 0) {
			return tag + TAG.length();
		}
		int unowned = displayName.lastIndexOf(UNOWNED_TAG);
		return (unowned >= 0) ? unowned + UNOWNED_TAG.length() : -1;
	}

	/**
	 * Facts recovered from a display name.
	 *
	 * @param info the image's header facts
	 * @param sha256 hex digest of the bytes
	 * @param owner the owning tenant's id, or null for a file stored before tenancy
	 */
	public record Decoded(ImageInfo info, String sha256, String owner) {
	}

}
