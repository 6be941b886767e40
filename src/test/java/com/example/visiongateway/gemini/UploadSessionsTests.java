package com.example.visiongateway.gemini;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UploadSessionsTests {

	@Test
	void movesTheSessionOntoTheBaseUrlKeepingPathAndQuery() {
		URI rewritten = UploadSessions.rewrite(
				"https://generativelanguage.googleapis.com/upload/v1beta/files?upload_id=AB%2Fcd+e&upload_protocol=resumable",
				URI.create("http://127.0.0.1:8089"));

		assertThat(rewritten)
			.hasToString("http://127.0.0.1:8089/upload/v1beta/files?upload_id=AB%2Fcd+e&upload_protocol=resumable");
	}

	@Test
	void dropsTheSessionsPortWhenTheBaseUrlHasNone() {
		URI rewritten = UploadSessions.rewrite("http://upload.example:9999/upload/v1/files?id=1",
				URI.create("https://gemini-proxy.internal"));

		assertThat(rewritten).hasToString("https://gemini-proxy.internal/upload/v1/files?id=1");
	}

}
