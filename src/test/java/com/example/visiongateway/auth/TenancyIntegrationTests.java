package com.example.visiongateway.auth;

import java.util.List;

import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two keys, two tenants (issue 13, item 6): neither sees, uses, deletes or learns of the
 * other's files. Images above 1 KB go through the Files API, so vision requests upload
 * too. The stub forgets its files between tests and the gateway's registry does not, so
 * each test uploads bytes of its own.
 */
@TestPropertySource(properties = { "vision.auth.enabled=true", "vision.transfer.inline-request-limit=1KB" })
class TenancyIntegrationTests extends GatewayIntegrationTest {

	private static final String ALICE_KEY = "vg-test-alice-7a1b";

	private static final String BOB_KEY = "vg-test-bob-3c4d";

	@DynamicPropertySource
	static void keys(DynamicPropertyRegistry registry) {
		registry.add("vision.auth.key-hashes",
				() -> "alice:" + ApiKeys.sha256Hex(ALICE_KEY) + ",bob:" + ApiKeys.sha256Hex(BOB_KEY));
	}

	@Test
	void anotherKeysFileIsNotFoundEverywhereExactlyLikeAnUnknownId() {
		String id = upload(alice(), "secret-plan.png", TestImages.tinyPng(11)).get("id").asString();

		Reply got = bob().get("/v1/files/" + id);
		Reply deleted = bob().delete("/v1/files/" + id);
		Reply used = bob().post("/v1/vision/caption", parts().field("fileIds", id));
		Reply unknown = bob().get("/v1/files/unknownfile1");

		assertProblem(got, 404, "FILE_NOT_FOUND");
		assertProblem(deleted, 404, "FILE_NOT_FOUND");
		assertProblem(used, 404, "FILE_NOT_FOUND");
		assertThat(got.body().replace(id, "ID")).isEqualTo(unknown.body().replace("unknownfile1", "ID"));
		assertThat(stub.generateContentRequests()).isEmpty();
		assertThat(alice().get("/v1/files/" + id).status()).as("bob's delete did nothing").isEqualTo(200);
		assertThat(alice().post("/v1/vision/caption", parts().field("fileIds", id)).status()).isEqualTo(200);
	}

	@Test
	void listsOnlyTheCallersOwnFiles() {
		String alices = upload(alice(), "a.png", TestImages.tinyPng(1)).get("id").asString();
		String bobs = upload(bob(), "b.png", TestImages.tinyPng(2)).get("id").asString();

		assertThat(ids(alice().get("/v1/files?pageSize=100"))).contains(alices).doesNotContain(bobs);
		assertThat(ids(bob().get("/v1/files?pageSize=100"))).contains(bobs).doesNotContain(alices);
	}

	@Test
	void reusesUploadsWithinOneKeyOnly() {
		byte[] rocket = TestImages.fixture("rocket-orientation6.jpg");
		JsonNode alicesFile = upload(alice(), "alices-rocket.jpg", rocket);
		JsonNode again = upload(alice(), "other-name.jpg", rocket);

		JsonNode bobsFile = upload(bob(), "bobs-rocket.jpg", rocket);

		assertThat(again.get("deduplicated").asBoolean()).isTrue();
		assertThat(again.get("id").asString()).isEqualTo(alicesFile.get("id").asString());
		assertThat(bobsFile.get("deduplicated").asBoolean()).isFalse();
		assertThat(bobsFile.get("id").asString()).isNotEqualTo(alicesFile.get("id").asString());
		assertThat(bobsFile.get("displayName").asString()).isEqualTo("bobs-rocket.jpg");
		assertThat(stub.uploadCount()).isEqualTo(2);
	}

	@Test
	void visionUploadsAreTheCallersAndCarryNoFilenameToGemini() {
		Reply captioned = alice().post("/v1/vision/caption",
				parts().image("quarterly-results-draft.png", TestImages.fixture("chelsea.png"), "image/png"));
		assertThat(captioned.status()).as(captioned.body()).isEqualTo(200);
		List<String> alices = ids(alice().get("/v1/files?pageSize=100"));
		assertThat(alices).hasSize(1);
		String id = alices.get(0);

		assertThat(stub.displayNames()).hasSize(1)
			.allSatisfy((name) -> assertThat(name).doesNotContain("quarterly", "alice", ALICE_KEY));
		assertThat(ids(bob().get("/v1/files?pageSize=100"))).isEmpty();
		assertProblem(bob().post("/v1/vision/caption", parts().field("fileIds", id)), 404, "FILE_NOT_FOUND");
	}

	private JsonNode upload(GatewayClient caller, String filename, byte[] bytes) {
		Reply reply = caller.post("/v1/files",
				parts().file("file", filename, bytes, filename.endsWith(".jpg") ? "image/jpeg" : "image/png"));
		assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
		return reply.json();
	}

	private static List<String> ids(Reply list) {
		assertThat(list.status()).as(list.body()).isEqualTo(200);
		return list.json().get("files").valueStream().map((file) -> file.get("id").asString()).toList();
	}

	private GatewayClient alice() {
		return this.gateway.withHeader("X-API-Key", ALICE_KEY);
	}

	private GatewayClient bob() {
		return this.gateway.withHeader("X-API-Key", BOB_KEY);
	}

}
