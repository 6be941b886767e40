package com.example.visiongateway.stub;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Gemini stub over a real loopback socket, the way the gateway and Google's SDKs talk
 * to it.
 */
class GeminiStubTests {

	static final String KEY = "test-key";

	static final String GOOGLE = "https://generativelanguage.googleapis.com";

	static final JsonMapper JSON = JsonMapper.shared();

	static GeminiStub stub;

	static HttpClient http;

	static byte[] image;

	static String imageBase64;

	@BeforeAll
	static void startStub() throws IOException {
		stub = GeminiStub.start();
		http = HttpClient.newHttpClient();
		try (InputStream in = GeminiStubTests.class.getResourceAsStream("/images/chelsea.png")) {
			image = in.readAllBytes();
		}
		imageBase64 = Base64.getEncoder().encodeToString(image);
	}

	@AfterEach
	void resetStub() {
		stub.reset();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@Nested
	class Auth {

		@Test
		void rejectsCallsWithoutKeyAsPermissionDenied() {
			HttpResponse<String> response = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent",
					captionRequest(), new String[0]);
			assertGoogleError(response, 403, "PERMISSION_DENIED");
		}

		@Test
		void rejectsTheInvalidKeyAsInvalidArgument() {
			HttpResponse<String> response = sendBytes("GET", "/v1beta/files", null, "x-goog-api-key", "invalid-key");
			assertGoogleError(response, 400, "INVALID_ARGUMENT");
			assertThat(error(response).path("message").asString())
				.isEqualTo("API key not valid. Please pass a valid API key.");
		}

		@Test
		void acceptsTheKeyAsQueryParameter() {
			HttpResponse<String> response = send("POST", "/v1beta/models/gemini-2.5-flash:generateContent?key=" + KEY,
					captionRequest(), new String[0]);
			assertThat(response.statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class GenerateContent {

		@ParameterizedTest
		@ValueSource(strings = { "v1beta", "v1" })
		void answersACaptionMarkedAsStubWithUsage(String version) {
			String prompt = "Caption this image.";
			HttpResponse<String> response = generate(version, "gemini-2.5-flash", captionRequest(prompt));
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			JsonNode body = JSON.readTree(response.body());
			JsonNode candidate = body.path("candidates").path(0);
			String text = candidate.path("content").path("parts").path(0).path("text").asString();
			assertThat(text).startsWith("[stub]").contains("1 image(s)").contains(prompt);
			assertThat(candidate.path("content").path("role").asString()).isEqualTo("model");
			assertThat(candidate.path("finishReason").asString()).isEqualTo("STOP");
			assertThat(candidate.path("index").asInt(-1)).isZero();
			assertThat(body.path("modelVersion").asString()).isEqualTo("gemini-2.5-flash");
			assertThat(body.path("responseId").asString()).isNotBlank();
			JsonNode usage = body.path("usageMetadata");
			int promptTokens = 258 + (prompt.length() + 3) / 4;
			int answerTokens = (text.length() + 3) / 4;
			assertThat(usage.path("promptTokenCount").asInt()).isEqualTo(promptTokens);
			assertThat(usage.path("candidatesTokenCount").asInt()).isEqualTo(answerTokens);
			assertThat(usage.path("totalTokenCount").asInt()).isEqualTo(promptTokens + answerTokens);
			assertThat(usage.has("thoughtsTokenCount")).isFalse();
		}

		@Test
		void acceptsSnakeCaseEverywhere() {
			String request = """
					{"system_instruction":{"parts":[{"text":"You label things."}]},
					 "contents":[{"role":"user","parts":[{"inline_data":{"mime_type":"image/png","data":"%s"}},
					   {"text":"Label it."}]}],
					 "generation_config":{"response_mime_type":"application/json",
					   "response_json_schema":{"type":"object","properties":{"label":{"type":"string"}}}}}
					""".formatted(imageBase64);
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", request);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode answer = JSON.readTree(answerText(response));
			assertThat(answer.path("label").asString()).startsWith("[stub]");
			int promptTokens = 258 + ("You label things.".length() + "Label it.".length() + 3) / 4;
			assertThat(JSON.readTree(response.body()).path("usageMetadata").path("promptTokenCount").asInt())
				.isEqualTo(promptTokens);
		}

		@ParameterizedTest
		@ValueSource(strings = { "{}", "{\"contents\":[]}", "{\"contents\":[{\"parts\":[]}]}",
				"{\"contents\":[{\"parts\":[{}]}]}",
				"{\"contents\":[{\"parts\":[{\"text\":\"a\",\"inlineData\":"
						+ "{\"mimeType\":\"image/png\",\"data\":\"AAAA\"}}]}]}",
				"{\"contents\":[{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"data:image/png;base64,AAAA\"}}]}]}",
				"{\"contents\":[{\"parts\":[{\"inline_data\":{\"mime_type\":\"image/png\",\"data\":\"not base64!\"}}]}]}",
				"{\"contents\":[{\"parts\":[{\"inlineData\":{\"data\":\"AAAA\"}}]}]}",
				"{\"contents\":[{\"role\":\"robot\",\"parts\":[{\"text\":\"hi\"}]}]}", "{\"contents\":",
				"{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"responseMimeType\":"
						+ "\"application/json\",\"responseSchema\":{\"type\":\"STRING\"},\"responseJsonSchema\":{}}}" })
		void rejectsMalformedRequestsAsInvalidArgument(String request) {
			assertGoogleError(generate("v1beta", "gemini-2.5-flash", request), 400, "INVALID_ARGUMENT");
		}

		@Test
		void rejectsPayloadsOverTheLimitButAcceptsOneJustUnder() {
			String template = "{\"contents\":[{\"parts\":[{\"text\":\"%s\"}]}]}";
			int overhead = template.length() - 2;
			String fits = template.formatted("a".repeat(ModelsApi.MAX_PAYLOAD_BYTES - overhead));
			assertThat(generate("v1beta", "gemini-2.5-flash", fits).statusCode()).isEqualTo(200);
			HttpResponse<String> tooLarge = generate("v1beta", "gemini-2.5-flash",
					template.formatted("a".repeat(ModelsApi.MAX_PAYLOAD_BYTES - overhead + 1)));
			assertGoogleError(tooLarge, 400, "INVALID_ARGUMENT");
			assertThat(error(tooLarge).path("message").asString())
				.isEqualTo("Request payload size exceeds the limit: 20971520 bytes.");
		}

		@ParameterizedTest
		@ValueSource(strings = { "v1beta", "v1" })
		void rejectsAnUnknownModelWithGooglesNotFound(String version) {
			HttpResponse<String> response = generate(version, "gemini-9-ultra", captionRequest());
			assertGoogleError(response, 404, "NOT_FOUND");
			assertThat(error(response).path("message").asString())
				.startsWith("models/gemini-9-ultra is not found for API version " + version + ",");
		}

		@Test
		void answersEveryKnownModel() {
			for (String model : ModelsApi.MODELS) {
				HttpResponse<String> response = generate("v1beta", model, captionRequest());
				assertThat(response.statusCode()).as(model).isEqualTo(200);
				assertThat(JSON.readTree(response.body()).path("modelVersion").asString()).isEqualTo(model);
			}
		}

		@Test
		void answersJsonConformingToAJsonSchemaWithTheFirstEnumValue() {
			String request = """
					{"contents":[{"parts":[{"text":"Classify."}]}],
					 "generationConfig":{"responseMimeType":"application/json","responseJsonSchema":{
					   "type":"object","required":["kind"],"properties":{
					     "kind":{"type":"string","enum":["cat","dog"]},
					     "count":{"type":"integer","minimum":2},
					     "score":{"type":["number","null"]},
					     "boxes":{"type":"array","items":{"type":"array","items":{"type":"integer"}}},
					     "item":{"$ref":"#/$defs/Item"}},
					   "$defs":{"Item":{"type":"object","properties":{"ok":{"type":"boolean"}}}}}}}
					""";
			JsonNode answer = JSON.readTree(answerText(generate("v1beta", "gemini-2.5-flash", request)));
			assertThat(answer.path("kind").asString()).isEqualTo("cat");
			assertThat(answer.path("count").isIntegralNumber()).isTrue();
			assertThat(answer.path("count").asInt()).isGreaterThanOrEqualTo(2);
			assertThat(answer.path("score").isNumber()).isTrue();
			assertThat(answer.path("boxes")).hasSize(1);
			assertThat(answer.path("boxes").path(0).path(0).isIntegralNumber()).isTrue();
			assertThat(answer.path("item").path("ok").isBoolean()).isTrue();
		}

		@Test
		void answersJsonConformingToAnOpenApiSchemaInPropertyOrder() {
			String request = """
					{"contents":[{"parts":[{"text":"Describe."}]}],
					 "generationConfig":{"responseMimeType":"application/json","responseSchema":{
					   "type":"OBJECT","propertyOrdering":["summary","mood"],"properties":{
					     "mood":{"type":"STRING","enum":["calm","busy"]},
					     "summary":{"type":"STRING"},
					     "tags":{"type":"ARRAY","items":{"type":"STRING"}}}}}}
					""";
			JsonNode answer = JSON.readTree(answerText(generate("v1beta", "gemini-2.5-flash", request)));
			assertThat(answer.propertyNames()).containsExactly("summary", "mood", "tags");
			assertThat(answer.path("mood").asString()).isEqualTo("calm");
			assertThat(answer.path("summary").asString()).startsWith("[stub]");
			assertThat(answer.path("tags")).hasSize(1);
		}

		@Test
		void answersOneDetectionPerImageInJsonMode() {
			String request = """
					{"contents":[{"parts":[%s,%s,{"text":"Find the cats."}]}],
					 "generationConfig":{"responseMimeType":"application/json"}}
					""".formatted(inlineImagePart(), inlineImagePart());
			JsonNode detections = JSON.readTree(answerText(generate("v1beta", "gemini-2.5-flash", request)));
			assertThat(detections).hasSize(2);
			for (JsonNode detection : detections) {
				assertThat(detection.path("box_2d")).hasSize(4);
				assertThat(detection.path("label").asString()).startsWith("[stub]");
				assertThat(detection.has("mask")).isFalse();
			}
		}

		@Test
		void fencesDetectionsOutsideJsonModeLikeTheRealModel() {
			String request = """
					{"contents":[{"parts":[%s,{"text":"Detect objects as a JSON list with box_2d and label."}]}]}
					""".formatted(inlineImagePart());
			String text = answerText(generate("v1beta", "gemini-2.5-flash", request));
			assertThat(text).startsWith("```json\n").endsWith("\n```");
			JsonNode detections = JSON.readTree(text.substring("```json\n".length(), text.length() - 4));
			assertThat(detections).hasSize(1);
			int[] box = new int[4];
			for (int i = 0; i < 4; i++) {
				box[i] = detections.path(0).path("box_2d").path(i).asInt(-1);
			}
			assertThat(box[0]).isBetween(0, box[2]);
			assertThat(box[1]).isBetween(0, box[3]);
			assertThat(box[2]).isBetween(box[0], 1000);
			assertThat(box[3]).isBetween(box[1], 1000);
		}

		@Test
		void addsARealGrayPngMaskWhenMasksAreAskedFor() throws IOException {
			String request = """
					{"contents":[{"parts":[%s,{"text":"Give the segmentation masks: box_2d, mask and label."}]}],
					 "generationConfig":{"responseMimeType":"application/json"}}
					""".formatted(inlineImagePart());
			JsonNode detection = JSON.readTree(answerText(generate("v1beta", "gemini-2.5-flash", request))).path(0);
			String mask = detection.path("mask").asString();
			assertThat(mask).startsWith("data:image/png;base64,");
			byte[] png = Base64.getDecoder().decode(mask.substring("data:image/png;base64,".length()));
			BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(png));
			assertThat(decoded.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
			assertThat(decoded.getRaster().getSample(decoded.getWidth() / 2, decoded.getHeight() / 2, 0))
				.isEqualTo(255);
			assertThat(decoded.getRaster().getSample(0, 0, 0)).isZero();
		}

	}

	@Nested
	class Models {

		@Test
		void listsTheServedModelsPageByPage() {
			List<String> names = new ArrayList<>();
			String token = null;
			int pages = 0;
			do {
				HttpResponse<String> page = get(
						"/v1beta/models?pageSize=4" + ((token != null) ? "&pageToken=" + token : ""));
				assertThat(page.statusCode()).isEqualTo(200);
				JsonNode body = JSON.readTree(page.body());
				body.get("models").forEach((model) -> names.add(model.get("name").asString()));
				token = body.path("nextPageToken").asString(null);
				pages++;
			}
			while (token != null);
			assertThat(pages).isEqualTo(3);
			assertThat(names).hasSize(StubModels.KNOWN.size()).contains("models/gemini-3.8-flash");
		}

		@Test
		void retiresAModelFromTheListAndEveryCall() {
			stub.retire("gemini-2.5-flash");

			String list = get("/v1beta/models?pageSize=1000").body();
			assertThat(list).doesNotContain("models/gemini-2.5-flash\"").contains("models/gemini-2.5-pro");
			assertGoogleError(get("/v1beta/models/gemini-2.5-flash"), 404, "NOT_FOUND");
			assertGoogleError(generate("v1beta", "gemini-2.5-flash", captionRequest()), 404, "NOT_FOUND");
			assertThat(get("/v1beta/models/gemini-3.8-flash").body()).contains("\"name\":\"models/gemini-3.8-flash\"");
		}

		@Test
		void answersARoutedModelWithItsSuccessorsModelVersion() {
			stub.route("gemini-2.5-pro", "gemini-3.1-pro-preview");

			HttpResponse<String> response = generate("v1beta", "gemini-2.5-pro", captionRequest());
			assertThat(JSON.readTree(response.body()).path("modelVersion").asString())
				.isEqualTo("gemini-3.1-pro-preview");
		}

		@Test
		void refusesAThinkingBudgetWithALevelAndMinimalOn38Flash() {
			String both = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"thinkingConfig\":"
					+ "{\"thinkingBudget\":0,\"thinkingLevel\":\"low\"}}}";
			String minimal = "{\"contents\":[{\"parts\":[{\"text\":\"hi\"}]}],\"generationConfig\":{\"thinkingConfig\":"
					+ "{\"thinkingLevel\":\"minimal\"}}}";
			assertGoogleError(generate("v1beta", "gemini-3.5-flash-lite", both), 400, "INVALID_ARGUMENT");
			assertGoogleError(generate("v1beta", "gemini-3.8-flash", minimal), 400, "INVALID_ARGUMENT");
			assertThat(generate("v1beta", "gemini-3.5-flash-lite", minimal).statusCode()).isEqualTo(200);
		}

	}

	@Nested
	class CountTokens {

		@Test
		void countsImageAndTextTokensByModality() {
			String request = """
					{"contents":[{"parts":[%s,%s,{"text":"Compare these."}]}]}
					""".formatted(inlineImagePart(), inlineImagePart());
			HttpResponse<String> response = send("POST", "/v1beta/models/gemini-2.5-flash:countTokens", request,
					"x-goog-api-key", KEY);
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode body = JSON.readTree(response.body());
			int textTokens = ("Compare these.".length() + 3) / 4;
			assertThat(body.path("totalTokens").asInt()).isEqualTo(2 * 258 + textTokens);
			assertThat(tokensOf(body, "IMAGE")).isEqualTo(2 * 258);
			assertThat(tokensOf(body, "TEXT")).isEqualTo(textTokens);
		}

		@Test
		void acceptsAWrappedGenerateContentRequestInSnakeCase() {
			String request = """
					{"generate_content_request":{"model":"models/gemini-2.5-flash",
					 "contents":[{"parts":[{"inline_data":{"mime_type":"image/png","data":"%s"}}]}]}}
					""".formatted(imageBase64);
			HttpResponse<String> response = send("POST", "/v1/models/gemini-2.5-flash:countTokens", request,
					"x-goog-api-key", KEY);
			assertThat(JSON.readTree(response.body()).path("totalTokens").asInt()).isEqualTo(258);
		}

		private static int tokensOf(JsonNode body, String modality) {
			for (JsonNode detail : body.path("promptTokensDetails")) {
				if (detail.path("modality").asString().equals(modality)) {
					return detail.path("tokenCount").asInt();
				}
			}
			return 0;
		}

	}

	@Nested
	class Streaming {

		@ParameterizedTest
		@ValueSource(strings = { "v1beta", "v1" })
		void streamsSseEventsWithCrlfAndOnlyNewText(String version) {
			String request = captionRequest("Describe the picture in a few words.");
			String whole = answerText(generate(version, "gemini-2.5-flash", request));
			HttpResponse<String> response = send("POST",
					"/" + version + "/models/gemini-2.5-flash:streamGenerateContent?alt=sse", request, "x-goog-api-key",
					KEY);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			String body = response.body();
			assertThat(body).endsWith("\r\n\r\n").doesNotContain("[DONE]");
			assertThat(body.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
			List<String> events = Arrays.stream(body.split("\r\n\r\n")).toList();
			assertThat(events).hasSizeBetween(2, 3).allSatisfy((event) -> assertThat(event).startsWith("data: {"));
			StringBuilder text = new StringBuilder();
			List<JsonNode> chunks = new ArrayList<>();
			for (String event : events) {
				JsonNode chunk = JSON.readTree(event.substring("data: ".length()));
				chunks.add(chunk);
				text.append(
						chunk.path("candidates").path(0).path("content").path("parts").path(0).path("text").asString());
			}
			assertThat(text).hasToString(whole);
			JsonNode last = chunks.get(chunks.size() - 1);
			assertThat(last.path("candidates").path(0).path("finishReason").asString()).isEqualTo("STOP");
			assertThat(last.path("usageMetadata").path("candidatesTokenCount").asInt())
				.isEqualTo((whole.length() + 3) / 4);
			for (JsonNode earlier : chunks.subList(0, chunks.size() - 1)) {
				assertThat(earlier.path("candidates").path(0).has("finishReason")).isFalse();
				assertThat(earlier.has("usageMetadata")).isFalse();
			}
		}

		@Test
		void answersTheChunksAsOneJsonArrayWithoutAltSse() {
			String request = captionRequest("Describe the picture in a few words.");
			String whole = answerText(generate("v1beta", "gemini-2.5-flash", request));
			HttpResponse<String> response = send("POST", "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
					request, "x-goog-api-key", KEY);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
			StringBuilder text = new StringBuilder();
			for (JsonNode chunk : JSON.readTree(response.body())) {
				text.append(
						chunk.path("candidates").path(0).path("content").path("parts").path(0).path("text").asString());
			}
			assertThat(text).hasToString(whole);
		}

	}

	@Nested
	class Scenarios {

		@Test
		void answerTextReplacesTheStubAnswerAndCountsItsTokens() {
			stub.answerText("A tabby cat on a wooden floor.");
			JsonNode body = JSON.readTree(generate("v1beta", "gemini-2.5-flash", captionRequest()).body());
			assertThat(body.path("candidates").path(0).path("content").path("parts").path(0).path("text").asString())
				.isEqualTo("A tabby cat on a wooden floor.");
			assertThat(body.path("candidates").path(0).path("finishReason").asString()).isEqualTo("STOP");
			assertThat(body.path("usageMetadata").path("candidatesTokenCount").asInt())
				.isEqualTo(("A tabby cat on a wooden floor.".length() + 3) / 4);
		}

		@Test
		void answerServesTheRawBodyAsGiven() {
			String blocked = "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},\"modelVersion\":\"gemini-2.5-flash\"}";
			stub.answer(blocked);
			assertThat(JSON.readTree(generate("v1beta", "gemini-2.5-flash", captionRequest()).body()))
				.isEqualTo(JSON.readTree(blocked));
		}

		@Test
		void failWithAnswersAGoogleShapedErrorWithRetryInfoOnQuota() {
			stub.failWith(429, "RESOURCE_EXHAUSTED", "Quota exceeded.");
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", captionRequest());
			assertGoogleError(response, 429, "RESOURCE_EXHAUSTED");
			JsonNode detail = error(response).path("details").path(0);
			assertThat(detail.path("@type").asString()).isEqualTo("type.googleapis.com/google.rpc.RetryInfo");
			assertThat(detail.path("retryDelay").asString()).isEqualTo("1s");
		}

		@Test
		void failWithCarriesTheGivenRetryDelay() {
			stub.failWith(503, "UNAVAILABLE", "The model is overloaded. Please try again later.",
					Duration.ofMillis(1500));
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", captionRequest());
			assertGoogleError(response, 503, "UNAVAILABLE");
			assertThat(error(response).path("details").path(0).path("retryDelay").asString()).isEqualTo("1.5s");
		}

		@Test
		void failWithLeavesDetailsOutWhenNoDelayApplies() {
			stub.failWith(500, "INTERNAL", "An internal error has occurred.");
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", captionRequest());
			assertGoogleError(response, 500, "INTERNAL");
			assertThat(error(response).has("details")).isFalse();
		}

		@Test
		void stubsAddedByTestsWinOverTheDefaults() {
			stub.server()
				.stubFor(post(urlPathMatching("/v1beta/models/[^/]+:generateContent"))
					.willReturn(aResponse().withStatus(418).withBody("custom")));
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", captionRequest());
			assertThat(response.statusCode()).isEqualTo(418);
			assertThat(response.body()).isEqualTo("custom");
		}

		@Test
		void resetRestoresDefaultsAndClearsFilesAndJournal() {
			stub.server()
				.stubFor(post(urlPathMatching(".*:generateContent")).atPriority(1)
					.willReturn(aResponse().withStatus(418)));
			stub.failWith(500, "INTERNAL", "boom");
			String fileName = uploadFile("v1beta", image, "image/png").path("name").asString();
			generate("v1beta", "gemini-2.5-flash", captionRequest());
			stub.reset();
			assertThat(stub.uploadCount()).isZero();
			assertThat(stub.generateContentRequests()).isEmpty();
			assertThat(get("/v1beta/" + fileName).statusCode()).isEqualTo(403);
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", captionRequest());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(answerText(response)).startsWith("[stub]");
		}

		@Test
		void journalsGenerateContentBodiesInOrder() {
			generate("v1beta", "gemini-2.5-flash", captionRequest("first"));
			generate("v1", "gemini-2.5-pro", captionRequest("second"));
			assertThat(stub.generateContentRequests())
				.extracting((body) -> body.path("contents").path(0).path("parts").path(1).path("text").asString())
				.containsExactly("first", "second");
		}

		@Test
		void unknownPathsGetAGoogleShapedNotFound() {
			assertGoogleError(get("/v1beta/tunedModels"), 404, "NOT_FOUND");
		}

	}

	@Nested
	class Files {

		@ParameterizedTest
		@ValueSource(strings = { "v1beta", "v1" })
		void startAnswersASessionUrlOnGooglesHost(String version) {
			HttpResponse<String> response = startUpload(version, image.length, "image/png",
					"{\"file\":{\"displayName\":\"cat\"}}");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Goog-Upload-Status")).hasValue("active");
			assertThat(response.headers().firstValue("X-Goog-Upload-URL").orElseThrow())
				.startsWith(GOOGLE + "/upload/" + version + "/files?upload_id=")
				.contains("upload_protocol=resumable");
		}

		@Test
		void startNeedsAKeyButTheSessionUrlDoesNot() {
			HttpResponse<String> withoutKey = send("POST", "/upload/v1beta/files", "{}", "X-Goog-Upload-Protocol",
					"resumable", "X-Goog-Upload-Command", "start", "X-Goog-Upload-Header-Content-Length", "3",
					"X-Goog-Upload-Header-Content-Type", "image/png");
			assertGoogleError(withoutKey, 403, "PERMISSION_DENIED");
			String session = sessionPath(startUpload("v1beta", 3, "image/png", "{}"));
			HttpResponse<String> chunk = sendBytes("POST", session, new byte[] { 1, 2, 3 }, "X-Goog-Upload-Command",
					"upload, finalize", "X-Goog-Upload-Offset", "0");
			assertThat(chunk.statusCode()).isEqualTo(200);
			assertThat(chunk.headers().firstValue("X-Goog-Upload-Status")).hasValue("final");
		}

		@Test
		void uploadsInTwoChunksAndDescribesTheFile() throws Exception {
			Instant before = Instant.now().minusSeconds(1);
			String session = sessionPath(startUpload("v1beta", image.length, "image/png",
					"{\"file\":{\"displayName\":\"chelsea\",\"sizeBytes\":\"" + image.length + "\"}}"));
			int half = image.length / 2;
			HttpResponse<String> first = sendBytes("POST", session, Arrays.copyOfRange(image, 0, half),
					"X-Goog-Upload-Command", "upload", "X-Goog-Upload-Offset", "0");
			assertThat(first.statusCode()).isEqualTo(200);
			assertThat(first.headers().firstValue("X-Goog-Upload-Status")).hasValue("active");
			HttpResponse<String> last = sendBytes("POST", session, Arrays.copyOfRange(image, half, image.length),
					"X-Goog-Upload-Command", "upload, finalize", "X-Goog-Upload-Offset", Integer.toString(half));
			assertThat(last.statusCode()).isEqualTo(200);
			assertThat(last.headers().firstValue("X-Goog-Upload-Status")).hasValue("final");
			JsonNode file = JSON.readTree(last.body()).path("file");
			String id = file.path("name").asString().substring("files/".length());
			assertThat(id).matches("[a-z0-9-]{1,40}");
			assertThat(file.path("displayName").asString()).isEqualTo("chelsea");
			assertThat(file.path("mimeType").asString()).isEqualTo("image/png");
			assertThat(file.path("sizeBytes").isString()).isTrue();
			assertThat(file.path("sizeBytes").asString()).isEqualTo(Integer.toString(image.length));
			String hex = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(image));
			assertThat(file.path("sha256Hash").asString())
				.isEqualTo(Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII)));
			assertThat(file.path("uri").asString()).isEqualTo(GOOGLE + "/v1beta/files/" + id);
			assertThat(file.path("state").asString()).isEqualTo("PROCESSING");
			assertThat(file.path("source").asString()).isEqualTo("UPLOADED");
			Instant created = Instant.parse(file.path("createTime").asString());
			assertThat(created).isBetween(before, Instant.now().plusSeconds(1));
			assertThat(Instant.parse(file.path("updateTime").asString())).isEqualTo(created);
			assertThat(Instant.parse(file.path("expirationTime").asString()))
				.isEqualTo(created.plus(Duration.ofHours(48)));
			assertThat(stub.uploadCount()).isEqualTo(1);
		}

		@Test
		void rejectsAWrongOffsetAndKeepsTheSessionUsable() {
			String session = sessionPath(startUpload("v1beta", 4, "image/png", "{}"));
			sendBytes("POST", session, new byte[] { 1, 2 }, "X-Goog-Upload-Command", "upload", "X-Goog-Upload-Offset",
					"0");
			HttpResponse<String> wrong = sendBytes("POST", session, new byte[] { 3, 4 }, "X-Goog-Upload-Command",
					"upload, finalize", "X-Goog-Upload-Offset", "1");
			assertGoogleError(wrong, 400, "INVALID_ARGUMENT");
			assertThat(wrong.headers().firstValue("X-Goog-Upload-Status")).hasValue("active");
			HttpResponse<String> right = sendBytes("POST", session, new byte[] { 3, 4 }, "X-Goog-Upload-Command",
					"upload, finalize", "X-Goog-Upload-Offset", "2");
			assertThat(right.headers().firstValue("X-Goog-Upload-Status")).hasValue("final");
			assertThat(JSON.readTree(right.body()).path("file").path("sizeBytes").asString()).isEqualTo("4");
		}

		@Test
		void rejectsFinalizingFewerBytesThanDeclared() {
			String session = sessionPath(startUpload("v1beta", 10, "image/png", "{}"));
			HttpResponse<String> response = sendBytes("POST", session, new byte[] { 1, 2 }, "X-Goog-Upload-Command",
					"upload, finalize", "X-Goog-Upload-Offset", "0");
			assertGoogleError(response, 400, "INVALID_ARGUMENT");
			assertThat(stub.uploadCount()).isZero();
		}

		@Test
		void acceptsSnakeCaseAndNumericSizeInTheStartBody() {
			String session = sessionPath(
					startUpload("v1", 3, "image/png", "{\"file\":{\"display_name\":\"snake\",\"size_bytes\":3}}"));
			HttpResponse<String> response = sendBytes("POST", session, new byte[] { 1, 2, 3 }, "X-Goog-Upload-Command",
					"upload, finalize", "X-Goog-Upload-Offset", "0");
			assertThat(JSON.readTree(response.body()).path("file").path("displayName").asString()).isEqualTo("snake");
		}

		@Test
		void aFileTurnsActiveOnTheNextGet() {
			String name = uploadFile("v1beta", image, "image/png").path("name").asString();
			assertThat(getFile(name).path("state").asString()).isEqualTo("ACTIVE");
			assertThat(getFile(name).path("state").asString()).isEqualTo("ACTIVE");
		}

		@Test
		void filesStayProcessingForTheGivenNumberOfGets() {
			stub.filesStayProcessing(2);
			String name = uploadFile("v1beta", image, "image/png").path("name").asString();
			assertThat(getFile(name).path("state").asString()).isEqualTo("PROCESSING");
			assertThat(getFile(name).path("state").asString()).isEqualTo("PROCESSING");
			assertThat(getFile(name).path("state").asString()).isEqualTo("ACTIVE");
		}

		@Test
		void failingFilesTurnFailedWithAnError() {
			stub.filesFail();
			String name = uploadFile("v1beta", image, "image/png").path("name").asString();
			JsonNode file = getFile(name);
			assertThat(file.path("state").asString()).isEqualTo("FAILED");
			assertThat(file.path("error").path("message").asString()).isNotBlank();
		}

		@Test
		void generatesFromAnActiveFileNamedInSnakeCase() {
			JsonNode file = uploadFile("v1", image, "image/png");
			getFile(file.path("name").asString());
			String request = """
					{"contents":[{"parts":[{"file_data":{"mime_type":"image/png","file_uri":"%s"}},{"text":"Caption."}]}]}
					"""
				.formatted(file.path("uri").asString());
			HttpResponse<String> response = generate("v1", "gemini-2.5-flash", request);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(answerText(response)).contains("1 image(s)");
		}

		@Test
		void refusesAFileThatIsNotActiveYet() {
			JsonNode file = uploadFile("v1beta", image, "image/png");
			String id = file.path("name").asString().substring("files/".length());
			HttpResponse<String> response = generate("v1beta", "gemini-2.5-flash", fileRequest(file.path("uri")));
			assertGoogleError(response, 400, "INVALID_ARGUMENT");
			assertThat(error(response).path("message").asString())
				.isEqualTo("The File " + id + " is not in an ACTIVE state and usage is not allowed.");
		}

		@Test
		void refusesUnknownAndDeletedFilesAsPermissionDenied() {
			JsonNode file = uploadFile("v1beta", image, "image/png");
			String name = file.path("name").asString();
			getFile(name);
			HttpResponse<String> deleted = delete("/v1beta/" + name);
			assertThat(deleted.statusCode()).isEqualTo(200);
			assertThat(JSON.readTree(deleted.body()).isEmpty()).isTrue();
			HttpResponse<String> use = generate("v1beta", "gemini-2.5-flash", fileRequest(file.path("uri")));
			assertGoogleError(use, 403, "PERMISSION_DENIED");
			assertThat(error(use).path("message").asString()).isEqualTo("You do not have permission to access the File "
					+ name.substring("files/".length()) + " or it may not exist.");
			assertGoogleError(get("/v1beta/" + name), 403, "PERMISSION_DENIED");
			assertGoogleError(delete("/v1beta/files/nosuchfile"), 403, "PERMISSION_DENIED");
		}

		@Test
		void listsFilesInPages() {
			for (int i = 0; i < 12; i++) {
				uploadFile("v1beta", new byte[] { (byte) i }, "image/png");
			}
			JsonNode first = listFiles("");
			assertThat(first.path("files")).hasSize(10);
			String token = first.path("nextPageToken").asString();
			assertThat(token).isNotBlank();
			JsonNode second = listFiles("?pageToken=" + token);
			assertThat(second.path("files")).hasSize(2);
			assertThat(second.has("nextPageToken")).isFalse();
			List<String> names = new ArrayList<>();
			first.path("files").forEach((file) -> names.add(file.path("name").asString()));
			second.path("files").forEach((file) -> names.add(file.path("name").asString()));
			assertThat(names).doesNotHaveDuplicates().hasSize(12);
			assertThat(listFiles("?pageSize=5").path("files")).hasSize(5);
			assertThat(listFiles("?pageSize=500").path("files")).hasSize(12);
		}

		private JsonNode listFiles(String query) {
			HttpResponse<String> response = get("/v1beta/files" + query);
			assertThat(response.statusCode()).isEqualTo(200);
			return JSON.readTree(response.body());
		}

		private JsonNode getFile(String name) {
			HttpResponse<String> response = get("/v1beta/" + name);
			assertThat(response.statusCode()).isEqualTo(200);
			return JSON.readTree(response.body());
		}

		private static String fileRequest(JsonNode uri) {
			return """
					{"contents":[{"parts":[{"fileData":{"mimeType":"image/png","fileUri":"%s"}},{"text":"Caption."}]}]}
					""".formatted(uri.asString());
		}

	}

	static HttpResponse<String> get(String path) {
		return sendBytes("GET", path, null, "x-goog-api-key", KEY);
	}

	static HttpResponse<String> delete(String path) {
		return sendBytes("DELETE", path, null, "x-goog-api-key", KEY);
	}

	static HttpResponse<String> generate(String version, String model, String body) {
		return send("POST", "/" + version + "/models/" + model + ":generateContent", body, "x-goog-api-key", KEY);
	}

	static HttpResponse<String> startUpload(String version, long length, String mimeType, String body) {
		return send("POST", "/upload/" + version + "/files", body, "x-goog-api-key", KEY, "X-Goog-Upload-Protocol",
				"resumable", "X-Goog-Upload-Command", "start", "X-Goog-Upload-Header-Content-Length",
				Long.toString(length), "X-Goog-Upload-Header-Content-Type", mimeType);
	}

	/**
	 * The session URL rewritten onto the stub, as clients must do; path and query only.
	 */
	static String sessionPath(HttpResponse<String> start) {
		URI url = URI.create(start.headers().firstValue("X-Goog-Upload-URL").orElseThrow());
		return url.getRawPath() + "?" + url.getRawQuery();
	}

	static JsonNode uploadFile(String version, byte[] bytes, String mimeType) {
		String session = sessionPath(startUpload(version, bytes.length, mimeType, "{\"file\":{}}"));
		HttpResponse<String> response = sendBytes("POST", session, bytes, "X-Goog-Upload-Command", "upload, finalize",
				"X-Goog-Upload-Offset", "0");
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).path("file");
	}

	static String captionRequest() {
		return captionRequest("Caption this image.");
	}

	static String captionRequest(String prompt) {
		return "{\"contents\":[{\"role\":\"user\",\"parts\":[" + inlineImagePart() + ",{\"text\":\"" + prompt
				+ "\"}]}]}";
	}

	static String inlineImagePart() {
		return "{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"" + imageBase64 + "\"}}";
	}

	static String answerText(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body())
			.path("candidates")
			.path(0)
			.path("content")
			.path("parts")
			.path(0)
			.path("text")
			.asString();
	}

	static JsonNode error(HttpResponse<String> response) {
		return JSON.readTree(response.body()).path("error");
	}

	static void assertGoogleError(HttpResponse<String> response, int code, String status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(code);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode error = error(response);
		assertThat(error.path("code").asInt()).isEqualTo(code);
		assertThat(error.path("status").asString()).isEqualTo(status);
		assertThat(error.path("message").asString()).isNotBlank();
	}

	static HttpResponse<String> send(String method, String path, String body, String... headers) {
		return sendBytes(method, path, (body != null) ? body.getBytes(StandardCharsets.UTF_8) : null, headers);
	}

	static HttpResponse<String> sendBytes(String method, String path, byte[] body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path))
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofByteArray(body)
					: HttpRequest.BodyPublishers.noBody());
		if (headers.length > 0) {
			request.headers(headers);
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
