package com.example.visiongateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The accepted API keys, known only by their SHA-256 digests. A presented key is hashed
 * and compared with every digest in constant time, so neither the comparison nor the
 * position of a match shows in the timing.
 */
final class ApiKeys {

	private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

	private final List<ApiKey> keys;

	private final BiPredicate<byte[], byte[]> equal;

	private ApiKeys(List<ApiKey> keys, BiPredicate<byte[], byte[]> equal) {
		this.keys = keys;
		this.equal = equal;
	}

	/** A configured key: the name logs and metrics use, and the digest of the key. */
	record ApiKey(String name, byte[] digest) {
	}

	/**
	 * Parses {@code vision.auth.key-hashes} entries, {@code digest} or
	 * {@code name:digest}. A key without a name is called {@code key-} and the first 8
	 * characters of its digest, which say nothing usable about the key itself.
	 */
	static ApiKeys parse(List<String> entries) {
		return parse(entries, MessageDigest::isEqual);
	}

	/**
	 * As {@link #parse(List)}, comparing digests with {@code equal} (tests count the
	 * comparisons).
	 */
	static ApiKeys parse(List<String> entries, BiPredicate<byte[], byte[]> equal) {
		List<ApiKey> keys = new ArrayList<>();
		Set<String> names = new HashSet<>();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i).strip();
			int colon = entry.lastIndexOf(':');
			String digest = entry.substring(colon + 1);
			String name = (colon >= 0) ? entry.substring(0, colon)
					: "key-" + digest.substring(0, Math.min(8, digest.length()));
			if (!DIGEST.matcher(digest).matches()) {
				throw new IllegalArgumentException("vision.auth.key-hashes[" + i + "] is not a lower-case SHA-256 hex "
						+ "digest (64 characters 0-9a-f, optionally after 'name:')");
			}
			if (!NAME.matcher(name).matches()) {
				throw new IllegalArgumentException("vision.auth.key-hashes[" + i + "] has a name that is not 1 to 64 "
						+ "characters of A-Z, a-z, 0-9, '.', '_' or '-'");
			}
			if (!names.add(name)) {
				throw new IllegalArgumentException(
						"vision.auth.key-hashes[" + i + "]: the name '" + name + "' is used twice");
			}
			keys.add(new ApiKey(name, HexFormat.of().parseHex(digest)));
		}
		return new ApiKeys(List.copyOf(keys), equal);
	}

	/**
	 * The name of the configured key the caller presented, if any. Every digest is
	 * compared, match or not.
	 */
	Optional<String> identify(String presented) {
		byte[] digest = sha256(presented);
		String found = null;
		for (ApiKey key : this.keys) {
			if (this.equal.test(key.digest(), digest) && found == null) {
				found = key.name();
			}
		}
		return Optional.ofNullable(found);
	}

	List<String> names() {
		return this.keys.stream().map(ApiKey::name).toList();
	}

	/** What an operator puts in the configuration for a key. */
	static String sha256Hex(String key) {
		return HexFormat.of().formatHex(sha256(key));
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
