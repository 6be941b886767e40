package com.example.visiongateway.transfer;

import java.time.Duration;
import java.util.Optional;

/**
 * The files the gateway uploaded, by owner and SHA-256 (for reuse within one tenant) and
 * by id, for as long as Gemini keeps them less a margin. Entries past that margin are
 * never returned. A registry may forget entries at any time (it is bounded); the caller
 * then uploads again or asks Gemini. A registry in memory serves one process; one in
 * Redis serves every replica.
 */
public interface FileRegistry {

	/** A usable file of {@code owner} (a tenant id) with these bytes. */
	Optional<RegisteredFile> findBySha256(String owner, String sha256);

	/** A usable file by id, whoever owns it: the caller checks the owner. */
	Optional<RegisteredFile> findById(String id);

	/** Remembers a file with a known owner and expiry; others are ignored. */
	void remember(RegisteredFile file);

	void forget(String id);

	/**
	 * Claims the upload of {@code owner}'s bytes for at most {@code hold}: true for one
	 * claimant at a time, so that replicas receiving the same new image at once upload it
	 * once while the others wait for {@link #findBySha256} to find it.
	 */
	boolean claimUpload(String owner, String sha256, Duration hold);

	/** Ends a claim early, once the upload succeeded or failed. */
	void releaseUpload(String owner, String sha256);

}
