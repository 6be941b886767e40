package com.example.visiongateway.support;

import com.example.visiongateway.support.GatewayClient.Reply;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every error answer must be: a contract problem with its status and code, and no
 * Java internals.
 */
public final class ProblemAssertions {

	private ProblemAssertions() {
	}

	public static void assertProblem(Reply reply, int status, String code) {
		assertThat(reply.status()).as(reply.body()).isEqualTo(status);
		assertThat(reply.contentType()).startsWith("application/problem+json");
		assertThat(reply.json().get("code").asString()).isEqualTo(code);
		assertThat(reply.json().get("status").asInt()).isEqualTo(status);
		assertThat(reply.body()).doesNotContain("Exception", "at com.example");
	}

}
