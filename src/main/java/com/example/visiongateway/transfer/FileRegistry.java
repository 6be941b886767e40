package com.example.visiongateway.transfer;

import java.util.Optional;

/**
 * The files the gateway uploaded, by owner and SHA-256 (for reuse within one tenant) and
 * by id, for as long as Gemini keeps them less a margin. Entries past that margin are
 * never returned. A registry may forget entries at any time (it is bounded); the caller
 * then uploads again or asks Gemini.
 */
public interface FileRegistry {

	/** A usable file of {@code owner} (a tenant id) with these bytes. */
	Optional<RegisteredFile> findBySha256(String owner, String sha256);

	/** A usable file by id, whoever owns it: the caller checks the owner. */
	Optional<RegisteredFile> findById(String id);

	/** Remembers a file with a known owner and expiry; others are ignored. */
	void remember(RegisteredFile file);

	void forget(String id);

}
