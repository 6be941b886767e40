package com.example.visiongateway.stub;

import java.time.Duration;
import java.time.Instant;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A file the stub keeps: metadata and digest only, never the bytes.
 * {@code processingPolls} counts the GETs still to answer PROCESSING; after them the file
 * settles on ACTIVE, or FAILED when {@code fails}.
 */
record StoredFile(long sequence, String id, String version, String displayName, String mimeType, long sizeBytes,
		String sha256Hash, Instant createTime, Instant updateTime, State state, int processingPolls, boolean fails) {

	static final String GOOGLE_BASE = "https://generativelanguage.googleapis.com";

	static final Duration RETENTION = Duration.ofHours(48);

	enum State {

		PROCESSING, ACTIVE, FAILED

	}

	/** The file as the next GET sees it: one poll closer to settling. */
	StoredFile polled(Instant now) {
		if (this.state != State.PROCESSING) {
			return this;
		}
		if (this.processingPolls > 0) {
			return withState(this.state, this.updateTime, this.processingPolls - 1);
		}
		return withState(this.fails ? State.FAILED : State.ACTIVE, now, 0);
	}

	private StoredFile withState(State newState, Instant newUpdateTime, int polls) {
		return new StoredFile(this.sequence, this.id, this.version, this.displayName, this.mimeType, this.sizeBytes,
				this.sha256Hash, this.createTime, newUpdateTime, newState, polls, this.fails);
	}

	String uri() {
		return GOOGLE_BASE + "/" + this.version + "/files/" + this.id;
	}

	ObjectNode toJson() {
		ObjectNode json = JsonMapper.shared().createObjectNode();
		json.put("name", "files/" + this.id);
		if (this.displayName != null) {
			json.put("displayName", this.displayName);
		}
		json.put("mimeType", this.mimeType);
		json.put("sizeBytes", Long.toString(this.sizeBytes));
		json.put("createTime", this.createTime.toString());
		json.put("updateTime", this.updateTime.toString());
		json.put("expirationTime", this.createTime.plus(RETENTION).toString());
		json.put("sha256Hash", this.sha256Hash);
		json.put("uri", uri());
		json.put("state", this.state.name());
		json.put("source", "UPLOADED");
		if (this.state == State.FAILED) {
			ObjectNode error = json.putObject("error");
			error.put("code", 3);
			error.put("message", "[stub] The file could not be processed.");
		}
		return json;
	}

}
