package com.example.visiongateway.transfer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Remembers the files this replica uploaded, by SHA-256 and by id, for as long as Gemini keeps them (less a
 * margin). Bounded: the oldest entries are forgotten first. Another replica simply uploads again.
 */
final class FileRegistry {

	private final TransferProperties properties;

	private final Clock clock;

	private final Map<String, RegisteredFile> bySha256;

	private final Map<String, RegisteredFile> byId = new java.util.HashMap<>();

	FileRegistry(TransferProperties properties, Clock clock) {
		this.properties = properties;
		this.clock = clock;
		this.bySha256 = new LinkedHashMap<>(256, 0.75f, true) {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, RegisteredFile> eldest) {
				boolean full = size() > FileRegistry.this.properties.maxRememberedFiles();
				if (full) {
					FileRegistry.this.byId.remove(eldest.getValue().id());
				}
				return full;
			}
		};
	}

	synchronized Optional<RegisteredFile> findBySha256(String sha256) {
		return fresh(this.bySha256.get(sha256));
	}

	synchronized Optional<RegisteredFile> findById(String id) {
		return fresh(this.byId.get(id));
	}

	synchronized void remember(RegisteredFile file) {
		RegisteredFile previous = this.bySha256.put(file.sha256(), file);
		if (previous != null && !previous.id().equals(file.id())) {
			this.byId.remove(previous.id());
		}
		this.byId.put(file.id(), file);
	}

	synchronized void forget(String id) {
		RegisteredFile removed = this.byId.remove(id);
		if (removed != null) {
			this.bySha256.remove(removed.sha256(), removed);
		}
	}

	private Optional<RegisteredFile> fresh(RegisteredFile file) {
		if (file == null || file.expiresAt() == null) {
			return Optional.empty();
		}
		boolean usable = this.clock.instant().plus(this.properties.reuseMargin()).isBefore(file.expiresAt());
		if (!usable) {
			forget(file.id());
			return Optional.empty();
		}
		return Optional.of(file);
	}

}
