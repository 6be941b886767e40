package com.example.visiongateway.passthrough;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.BudgetProperties;
import com.example.visiongateway.budget.Reservation;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.TempFileBytes;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.Scheduler;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * The resumable uploads open now, by session id. An id is 128 random bits: the session
 * URL is the credential of its chunks, as at Google. Sessions are bounded in number, and
 * one left idle expires, deleting its temp file and giving back its disk budget.
 */
@Component
class UploadSessions {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Cache<String, UploadSession> open;

	private final PassthroughProperties properties;

	private final Budget disk;

	private final BudgetProperties budgets;

	UploadSessions(PassthroughProperties properties, @Qualifier(BudgetConfiguration.DISK) Budget disk,
			BudgetProperties budgets) {
		this.properties = properties;
		this.disk = disk;
		this.budgets = budgets;
		this.open = Caffeine.newBuilder()
			.expireAfterAccess(properties.uploadSessionIdle())
			.scheduler(Scheduler.systemScheduler())
			.removalListener((String id, UploadSession session, RemovalCause cause) -> {
				// An explicit removal hands the session to its finalizer, who discards it
				if (session != null && cause != RemovalCause.EXPLICIT) {
					session.discard();
				}
			})
			.build();
	}

	/**
	 * A new session for {@code size} bytes, its disk budget reserved up front.
	 * @throws VisionException {@code OVERLOADED} when too many sessions are open or the
	 * disk budget is spent
	 */
	UploadSession open(Tenant owner, long size, String mimeType, String displayName) {
		this.open.cleanUp();
		if (this.open.estimatedSize() >= this.properties.uploadSessions()) {
			throw new VisionException(ErrorCode.OVERLOADED,
					"Too many uploads are open on the gateway right now; try again shortly.",
					Map.of("retryAfterSeconds", 5));
		}
		Reservation reservation = new Reservation(this.disk, this.budgets.maxWait());
		reservation.add(size);
		Path path;
		try {
			path = TempFileBytes.create("upload");
		}
		catch (RuntimeException ex) {
			reservation.close();
			throw ex;
		}
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		UploadSession session = new UploadSession(HexFormat.of().formatHex(id), owner, size, mimeType, displayName,
				path, reservation);
		this.open.put(session.id(), session);
		return session;
	}

	Optional<UploadSession> find(String id) {
		return Optional.ofNullable(this.open.getIfPresent(id));
	}

	/**
	 * Takes the session out for finalizing, so it can neither expire meanwhile nor be
	 * finalized twice; the caller discards it when done.
	 */
	Optional<UploadSession> take(String id) {
		return Optional.ofNullable(this.open.asMap().remove(id));
	}

	/** Ends a session without finishing it ({@code cancel}). */
	void cancel(String id) {
		take(id).ifPresent(UploadSession::discard);
	}

}
