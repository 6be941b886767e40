package com.example.visiongateway.api;

import java.util.List;
import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.spatial.Detection;
import com.example.visiongateway.task.ImageDescriptor;
import com.example.visiongateway.task.ImageOutcome;
import com.example.visiongateway.task.TokenEstimate;
import com.example.visiongateway.task.Usage;
import com.example.visiongateway.transfer.Transfer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of {@link ImageOutcome} becomes the contract's result object: only its own
 * members set, {@code warnings} and {@code error} always present.
 */
class ImageResultTests {

	private static final ImageDescriptor IMAGE = new ImageDescriptor(0, "a.png", null, null, "image/png", 4, 3, 99,
			"ab12", Transfer.INLINE, 1);

	private static final Usage USAGE = new Usage(10, 2, 1, 13);

	/** As Spring MVC writes problems: their properties at the top level. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class)
		.build();

	@Test
	void aCaptionSetsCaptionFinishReasonAndUsage() {
		JsonNode json = json(new ImageOutcome.Captioned(IMAGE, "A cat.", "STOP", USAGE, List.of("note")));

		assertThat(names(json)).containsExactly("image", "caption", "finishReason", "usage", "warnings", "error");
		assertThat(json.path("caption").asString()).isEqualTo("A cat.");
		assertThat(json.path("usage").path("totalTokens").asInt()).isEqualTo(13);
		assertThat(json.path("warnings").get(0).asString()).isEqualTo("note");
		assertThat(json.path("error").isNull()).isTrue();
	}

	@Test
	void labelsAndDetectionsSetTheirOwnMember() {
		JsonNode labels = json(new ImageOutcome.Classified(IMAGE, List.of("cat"), "STOP", USAGE, List.of()));
		JsonNode located = json(new ImageOutcome.Located(IMAGE,
				List.of(new Detection("cat", List.of(1, 2, 3, 4), List.of(0, 0, 2, 1), null, null)), "STOP", USAGE,
				List.of()));

		assertThat(names(labels)).containsExactly("image", "labels", "finishReason", "usage", "warnings", "error");
		assertThat(labels.path("labels").get(0).asString()).isEqualTo("cat");
		assertThat(names(located)).containsExactly("image", "detections", "finishReason", "usage", "warnings", "error");
		assertThat(located.path("detections").get(0).path("label").asString()).isEqualTo("cat");
	}

	@Test
	void tokensHaveNoAnswerAndNoUsage() {
		JsonNode json = json(new ImageOutcome.Counted(IMAGE, new TokenEstimate(1120, null, 1121), List.of()));

		assertThat(names(json)).containsExactly("image", "tokens", "warnings", "error");
		assertThat(json.path("tokens").path("counted").asInt()).isEqualTo(1121);
	}

	@Test
	void aFailedImageCarriesItsProblemWithTheContractsStatus() {
		VisionException problem = new VisionException(ErrorCode.CONTENT_BLOCKED, "Blocked for image 0.",
				Map.of("index", 0));

		JsonNode json = json(new ImageOutcome.Failed(IMAGE, problem));

		assertThat(names(json)).containsExactly("image", "warnings", "error");
		JsonNode error = json.path("error");
		assertThat(error.path("status").asInt()).isEqualTo(422);
		assertThat(error.path("code").asString()).isEqualTo("CONTENT_BLOCKED");
		assertThat(error.path("detail").asString()).isEqualTo("Blocked for image 0.");
		assertThat(error.path("index").asInt()).isZero();
	}

	@Test
	void warningsOfTheGatewayGoFirstExceptOnAFailedImage() {
		ImageOutcome captioned = new ImageOutcome.Captioned(IMAGE, "x", "STOP", USAGE, List.of("answer's"));
		ImageOutcome failed = new ImageOutcome.Failed(IMAGE, new VisionException(ErrorCode.BAD_REQUEST, "no"));

		assertThat(captioned.withWarningsFirst(List.of("gateway's")).warnings()).containsExactly("gateway's",
				"answer's");
		assertThat(failed.withWarningsFirst(List.of("gateway's")).warnings()).isEmpty();
	}

	private static JsonNode json(ImageOutcome outcome) {
		return JSON.valueToTree(ImageResult.of(outcome));
	}

	private static List<String> names(JsonNode json) {
		return json.propertyNames().stream().toList();
	}

}
