package com.example.visiongateway.api;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

class FilesApiIntegrationTests extends GatewayIntegrationTest {

	@Test
	void uploadsOnceThenReusesTheStoredFile() {
		byte[] rocket = TestImages.fixture("rocket-orientation6.jpg");
		Reply first = this.gateway.post("/v1/files", parts().file("file", "rocket.jpg", rocket, "image/jpeg"));
		Reply second = this.gateway.post("/v1/files", parts().file("file", "again.jpg", rocket, "image/jpeg"));

		assertThat(first.status()).as(first.body()).isEqualTo(201);
		JsonNode file = first.json();
		assertThat(file.get("state").asString()).isEqualTo("ACTIVE");
		assertThat(file.get("name").asString()).isEqualTo("files/" + file.get("id").asString());
		assertThat(file.get("mimeType").asString()).isEqualTo("image/jpeg");
		assertThat(file.get("sizeBytes").asLong()).isEqualTo(rocket.length);
		assertThat(file.get("width").asInt()).isEqualTo(427);
		assertThat(file.get("height").asInt()).isEqualTo(640);
		assertThat(file.get("displayName").asString()).isEqualTo("rocket.jpg");
		assertThat(file.get("expiresAt").asString()).isNotBlank();
		assertThat(file.get("deduplicated").asBoolean()).isFalse();
		assertThat(second.status()).isEqualTo(200);
		assertThat(second.json().get("deduplicated").asBoolean()).isTrue();
		assertThat(second.json().get("id").asString()).isEqualTo(file.get("id").asString());
		assertThat(stub.uploadCount()).isEqualTo(1);
	}

	@Test
	void getsListsUsesAndDeletesAFile() {
		Reply uploaded = this.gateway.post("/v1/files",
				parts().file("file", "chelsea.png", TestImages.fixture("chelsea.png"), "image/png")
					.field("displayName", "Chelsea"));
		String id = uploaded.json().get("id").asString();

		Reply got = this.gateway.get("/v1/files/" + id);
		assertThat(got.status()).isEqualTo(200);
		assertThat(got.json().get("displayName").asString()).isEqualTo("Chelsea");
		assertThat(got.json().get("width").asInt()).isEqualTo(451);

		Reply listed = this.gateway.get("/v1/files?pageSize=100");
		assertThat(listed.status()).isEqualTo(200);
		assertThat(listed.json().get("files").valueStream().map((f) -> f.get("id").asString())).contains(id);

		Reply captioned = this.gateway.post("/v1/vision/caption", parts().field("fileIds", id));
		assertThat(captioned.status()).as(captioned.body()).isEqualTo(200);
		JsonNode image = captioned.json().get("results").get(0).get("image");
		assertThat(image.get("fileId").asString()).isEqualTo(id);
		assertThat(image.get("transfer").asString()).isEqualTo("FILE_API");
		assertThat(image.get("width").asInt()).isEqualTo(451);
		JsonNode sentPart = stub.generateContentRequests().get(0).get("contents").get(0).get("parts").get(0);
		assertThat(sentPart.get("fileData").get("fileUri").asString()).endsWith("/files/" + id);

		assertThat(this.gateway.delete("/v1/files/" + id).status()).isEqualTo(204);
		assertProblem(this.gateway.get("/v1/files/" + id), 404, "FILE_NOT_FOUND");
		assertProblem(this.gateway.post("/v1/vision/caption", parts().field("fileIds", id)), 404, "FILE_NOT_FOUND");
	}

	@Test
	void waitsUntilAFileIsActive() {
		stub.filesStayProcessing(3);

		Reply reply = this.gateway.post("/v1/files",
				parts().file("file", "coffee.webp", TestImages.fixture("coffee.webp"), "image/webp"));

		assertThat(reply.status()).as(reply.body()).isEqualTo(201);
		assertThat(reply.json().get("state").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void reportsAFailedFileAsUpstreamError() {
		stub.filesFail();

		Reply reply = this.gateway.post("/v1/files",
				parts().file("file", "coffee.webp", TestImages.fixture("coffee.webp"), "image/webp"));

		assertProblem(reply, 502, "UPSTREAM_ERROR");
	}

	@Test
	void refusesUnknownAndMalformedIds() {
		assertProblem(this.gateway.get("/v1/files/doesnotexist"), 404, "FILE_NOT_FOUND");
		assertProblem(this.gateway.get("/v1/files/NOT_AN_ID!"), 404, "FILE_NOT_FOUND");
		assertProblem(this.gateway.delete("/v1/files/doesnotexist"), 404, "FILE_NOT_FOUND");
	}

}
