package com.example.visiongateway.stub;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The stub's Files API state: upload sessions and stored files, safe for concurrent
 * requests.
 */
final class FileStore {

	static final Pattern FILE_ID = Pattern.compile("[a-z0-9-]{1,40}");

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private final Map<String, UploadSession> sessions = new ConcurrentHashMap<>();

	private final Map<String, StoredFile> files = new ConcurrentHashMap<>();

	private final AtomicLong sequence = new AtomicLong();

	private final AtomicInteger uploads = new AtomicInteger();

	private final SecureRandom random = new SecureRandom();

	private final Clock clock;

	private volatile Processing processing = Processing.IMMEDIATE;

	/** How files finalized from now on behave while they are polled. */
	record Processing(int polls, boolean fails) {

		static final Processing IMMEDIATE = new Processing(0, false);

	}

	FileStore(Clock clock) {
		this.clock = clock;
	}

	void processing(Processing processing) {
		this.processing = processing;
	}

	UploadSession openSession(String version, String displayName, String mimeType, long declaredLength,
			String requestedId) {
		if (requestedId != null && this.files.containsKey(requestedId)) {
			throw alreadyExists(requestedId);
		}
		UploadSession session = new UploadSession(randomId(24), version, displayName, mimeType, declaredLength,
				requestedId);
		this.sessions.put(session.id(), session);
		return session;
	}

	UploadSession session(String uploadId) {
		UploadSession session = (uploadId != null) ? this.sessions.get(uploadId) : null;
		if (session == null) {
			throw GoogleError.notFound("Upload session " + uploadId + " not found.");
		}
		return session;
	}

	/** Finalizes the session into a new PROCESSING file. */
	StoredFile finish(UploadSession session) {
		String id = (session.requestedId() != null) ? session.requestedId() : randomId(12);
		if (this.files.containsKey(id)) {
			throw alreadyExists(id);
		}
		String sha256Hash = session.finish(id);
		Instant now = now();
		Processing behaviour = this.processing;
		StoredFile file = new StoredFile(this.sequence.incrementAndGet(), id, session.version(), session.displayName(),
				session.mimeType(), session.declaredLength(), sha256Hash, now, now, StoredFile.State.PROCESSING,
				behaviour.polls(), behaviour.fails());
		this.files.put(id, file);
		this.uploads.incrementAndGet();
		return file;
	}

	/** A GET of the file: advances its processing by one poll. */
	StoredFile poll(String id) {
		StoredFile polled = this.files.computeIfPresent(id, (key, file) -> file.polled(now()));
		if (polled == null) {
			throw unknownFile(id);
		}
		return polled;
	}

	/** The file as it is now, for use in a prompt: it must exist and be ACTIVE. */
	StoredFile usable(String id) {
		StoredFile file = this.files.get(id);
		if (file == null) {
			throw unknownFile(id);
		}
		if (file.state() != StoredFile.State.ACTIVE) {
			throw GoogleError
				.invalidArgument("The File " + id + " is not in an ACTIVE state and usage is not allowed.");
		}
		return file;
	}

	void delete(String id) {
		if (this.files.remove(id) == null) {
			throw unknownFile(id);
		}
	}

	/** All files, oldest first, so that offsets stay stable while pages are read. */
	List<StoredFile> list() {
		return this.files.values().stream().sorted(Comparator.comparingLong(StoredFile::sequence)).toList();
	}

	int uploadCount() {
		return this.uploads.get();
	}

	void clear() {
		this.sessions.clear();
		this.files.clear();
		this.uploads.set(0);
		this.processing = Processing.IMMEDIATE;
	}

	static GoogleError unknownFile(String id) {
		return GoogleError
			.permissionDenied("You do not have permission to access the File " + id + " or it may not exist.");
	}

	private static GoogleError alreadyExists(String id) {
		return new GoogleError(409, "ALREADY_EXISTS", "File files/" + id + " already exists.");
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private String randomId(int length) {
		StringBuilder id = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			id.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return id.toString();
	}

}
