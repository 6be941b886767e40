package com.example.visiongateway.passthrough;

import java.util.Arrays;
import java.util.Base64;

import com.example.visiongateway.image.ImageDigest;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static com.example.visiongateway.passthrough.GeminiModelsIntegrationTests.assertGoogleError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Files API under {@code /gemini} over HTTP, as Google's SDKs speak it: the resumable
 * upload lands on the gateway, then get, list, use and delete.
 */
class GeminiFilesIntegrationTests extends GatewayIntegrationTest {

	private GoogleCalls google() {
		return new GoogleCalls(port()).withHeader("x-goog-api-key", "any-caller-key");
	}

	@Test
	void aResumableUploadInChunksPointsBackAtTheGatewayAndStoresTheImage() {
		byte[] png = TestImages.pngOfSize(300_000, 41);
		GoogleCalls.Answer started = google().startUpload("v1beta", png.length, "image/png", "cat.png");

		assertThat(started.status()).as(started.body()).isEqualTo(200);
		String url = started.header("X-Goog-Upload-URL");
		assertThat(url).startsWith("http://127.0.0.1:" + port() + "/upload/v1beta/files?upload_id=")
			.doesNotContain("any-caller-key");
		GoogleCalls.Answer first = GoogleCalls.chunk(url, "upload", 0, Arrays.copyOfRange(png, 0, 100_000));
		GoogleCalls.Answer wrongOffset = GoogleCalls.chunk(url, "upload", 5, new byte[10]);
		GoogleCalls.Answer query = GoogleCalls.chunk(url, "query", -1, new byte[0]);
		GoogleCalls.Answer last = GoogleCalls.chunk(url, "upload, finalize", 100_000,
				Arrays.copyOfRange(png, 100_000, png.length));

		assertThat(first.header("X-Goog-Upload-Status")).isEqualTo("active");
		assertGoogleError(wrongOffset, 400, "INVALID_ARGUMENT");
		assertThat(query.header("X-Goog-Upload-Size-Received")).isEqualTo("100000");
		assertThat(last.status()).as(last.body()).isEqualTo(200);
		assertThat(last.header("X-Goog-Upload-Status")).isEqualTo("final");
		JsonNode file = last.json().path("file");
		assertThat(file.path("name").asString()).startsWith("files/");
		assertThat(file.path("displayName").asString()).isEqualTo("cat.png");
		assertThat(file.path("mimeType").asString()).isEqualTo("image/png");
		assertThat(file.path("sizeBytes").asString()).isEqualTo(Long.toString(png.length));
		assertThat(file.path("state").asString()).isEqualTo("ACTIVE");
		String sha256 = ImageDigest.sha256Hex(TestImages.source(png));
		assertThat(new String(Base64.getDecoder().decode(file.path("sha256Hash").asString()))).isEqualTo(sha256);
		assertThat(stub.uploadCount()).isEqualTo(1);
		assertThat(stub.displayNames()).singleElement().asString().doesNotContain("cat.png");
	}

	@Test
	void anUploadedFileIsGotListedUsedAndDeleted() {
		byte[] png = TestImages.pngOfSize(250_000, 42);
		JsonNode file = google().upload("v1", png, "image/png", "dog.png").json().path("file");
		String name = file.path("name").asString();

		GoogleCalls.Answer got = google().get("/v1/" + name);
		GoogleCalls.Answer listed = google().get("/v1beta/files?pageSize=10");
		GoogleCalls.Answer used = google().post("/v1beta/models/gemini-3.8-flash:generateContent",
				"{\"contents\":[{\"parts\":[{\"fileData\":{\"mimeType\":\"image/png\",\"fileUri\":\""
						+ file.path("uri").asString() + "\"}},{\"text\":\"what is it?\"}]}]}");
		GoogleCalls.Answer deleted = google().delete("/v1/" + name);
		GoogleCalls.Answer gone = google().get("/v1/" + name);

		assertThat(got.status()).as(got.body()).isEqualTo(200);
		assertThat(got.json().path("name").asString()).isEqualTo(name);
		assertThat(got.json().path("displayName").asString()).isEqualTo("dog.png");
		assertThat(listed.json().path("files").findValuesAsString("name")).contains(name);
		assertThat(used.status()).as(used.body()).isEqualTo(200);
		assertThat(stub.generateContentRequests().get(0).toString()).contains(file.path("uri").asString());
		assertThat(deleted.status()).isEqualTo(200);
		assertThat(deleted.body()).isEqualTo("{}");
		assertGoogleError(gone, 403, "PERMISSION_DENIED");
	}

	@Test
	void bytesThatAreNoImageAreRefusedWhenTheUploadIsFinalized() {
		byte[] text = "not an image, only words".repeat(100).getBytes();

		GoogleCalls.Answer answer = google().upload("v1beta", text, "image/png", "words.png");

		assertGoogleError(answer, 400, "INVALID_ARGUMENT");
		assertThat(stub.uploadCount()).isZero();
	}

	@Test
	void anUnknownUploadSessionAndAForeignFileUriAreRefused() {
		GoogleCalls.Answer session = GoogleCalls.chunk(
				"http://127.0.0.1:" + port() + "/gemini/upload/v1beta/files?upload_id=feedfeedfeed", "upload", 0,
				new byte[3]);
		GoogleCalls.Answer youtube = google().post("/v1beta/models/gemini-3.8-flash:generateContent",
				"{\"contents\":[{\"parts\":[{\"fileData\":{\"fileUri\":\"https://www.youtube.com/watch?v=x\"}}]}]}");

		assertGoogleError(session, 404, "NOT_FOUND");
		assertGoogleError(youtube, 403, "PERMISSION_DENIED");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

}
