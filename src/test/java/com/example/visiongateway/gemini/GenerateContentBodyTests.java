package com.example.visiongateway.gemini;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.visiongateway.gemini.RequestPart.FileImagePart;
import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.gemini.RequestPart.TextPart;
import com.example.visiongateway.io.ByteSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

class GenerateContentBodyTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final DefaultDataBufferFactory BUFFERS = DefaultDataBufferFactory.sharedInstance;

	@Test
	void writesCamelCaseJsonWithEveryMemberInOrder() {
		TestByteSource image = TestByteSource.random(10);
		GenerateContentRequest request = new GenerateContentRequest(
				List.of(new InlineImagePart(image, "image/png"), new TextPart("Describe it"),
						new FileImagePart("https://example.test/v1beta/files/abc", "image/jpeg")),
				"Be brief",
				Map.of("responseMimeType", "application/json", "thinkingConfig", Map.of("thinkingBudget", 0)),
				List.of(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE")));

		JsonNode body = JSON.readTree(written(request));

		assertThat(body.propertyNames()).containsExactly("contents", "systemInstruction", "generationConfig",
				"safetySettings");
		JsonNode content = body.get("contents").get(0);
		assertThat(content.get("role").asString()).isEqualTo("user");
		JsonNode parts = content.get("parts");
		assertThat(parts).hasSize(3);
		assertThat(parts.get(0).get("inlineData").get("mimeType").asString()).isEqualTo("image/png");
		assertThat(Base64.getDecoder().decode(parts.get(0).get("inlineData").get("data").asString()))
			.isEqualTo(image.bytes());
		assertThat(parts.get(1).get("text").asString()).isEqualTo("Describe it");
		assertThat(parts.get(2).get("fileData").get("fileUri").asString())
			.isEqualTo("https://example.test/v1beta/files/abc");
		assertThat(parts.get(2).get("fileData").get("mimeType").asString()).isEqualTo("image/jpeg");
		assertThat(body.get("systemInstruction").get("parts").get(0).get("text").asString()).isEqualTo("Be brief");
		assertThat(body.get("generationConfig").get("thinkingConfig").get("thinkingBudget").asInt()).isZero();
		assertThat(body.get("generationConfig").get("responseMimeType").asString()).isEqualTo("application/json");
		assertThat(body.get("safetySettings").get(0).get("threshold").asString()).isEqualTo("BLOCK_NONE");
	}

	@Test
	void leavesOutAbsentMembers() {
		GenerateContentRequest request = new GenerateContentRequest(List.of(new TextPart("hi")), null, Map.of(), null);

		JsonNode body = JSON.readTree(written(request));

		assertThat(body.propertyNames()).containsExactly("contents");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 1, 2, 3, 49151, 49152, 49153, 200000 })
	void inlineDataDecodesToTheOriginalBytes(int size) {
		TestByteSource image = TestByteSource.random(size);
		GenerateContentRequest request = GenerateContentRequest.of(new InlineImagePart(image, "image/jpeg"));

		byte[] written = written(request);

		JsonNode data = JSON.readTree(written).get("contents").get(0).get("parts").get(0).get("inlineData").get("data");
		assertThat(Base64.getDecoder().decode(data.asString())).isEqualTo(image.bytes());
		assertThat(GenerateContentBody.contentLength(request)).isEqualTo(written.length);
	}

	@Test
	void keepsUnicodeAndEscapesInText() {
		String text = "Größe 🐱 \"quoted\" back\\slash\nnew line\ttab \u0001 control — 日本語";
		GenerateContentRequest request = new GenerateContentRequest(List.of(new TextPart(text)), text, null, null);

		byte[] written = written(request);

		JsonNode body = JSON.readTree(written);
		assertThat(body.get("contents").get(0).get("parts").get(0).get("text").asString()).isEqualTo(text);
		assertThat(body.get("systemInstruction").get("parts").get(0).get("text").asString()).isEqualTo(text);
		assertThat(GenerateContentBody.contentLength(request)).isEqualTo(written.length);
	}

	@ParameterizedTest
	@MethodSource("mixes")
	void contentLengthIsTheNumberOfBytesWritten(GenerateContentRequest request) {
		assertThat(GenerateContentBody.contentLength(request)).isEqualTo(written(request).length);
	}

	@ParameterizedTest
	@MethodSource("mixes")
	void partLengthsAddUpToTheBodyLength(GenerateContentRequest request) {
		GenerateContentRequest envelopeOnly = new GenerateContentRequest(List.of(new TextPart("")),
				request.systemInstruction(), request.generationConfig(), request.safetySettings());
		long envelope = GenerateContentBody.contentLength(envelopeOnly)
				- GenerateContentBody.partLength(new TextPart(""));
		long parts = request.parts().stream().mapToLong(GenerateContentBody::partLength).sum();
		long commas = request.parts().size() - 1;

		assertThat(envelope + parts + commas).isEqualTo(written(request).length);
	}

	static Stream<Arguments> mixes() {
		return Stream
			.of(GenerateContentRequest.of(new TextPart("only text")),
					GenerateContentRequest.of(new InlineImagePart(TestByteSource.random(5), "image/png"),
							new TextPart("caption")),
					GenerateContentRequest.of(new InlineImagePart(TestByteSource.random(100_001), "image/webp"),
							new InlineImagePart(TestByteSource.random(2), "image/heic"),
							new FileImagePart("https://h/v1beta/files/x", "image/png"), new TextPart("ünïcødé ✓")),
					new GenerateContentRequest(
							List.of(new FileImagePart("https://h/v1beta/files/y", "image/jpeg"), new TextPart("find")),
							"system — ☃", Map.of("temperature", 0.5, "maxOutputTokens", 1024),
							List.of(Map.of("category", "HARM_CATEGORY_HATE_SPEECH", "threshold", "BLOCK_ONLY_HIGH"))))
			.map(Arguments::of);
	}

	@Test
	void base64LengthIsFourPerStartedTriple() {
		assertThat(GenerateContentBody.base64Length(0)).isZero();
		assertThat(GenerateContentBody.base64Length(1)).isEqualTo(4);
		assertThat(GenerateContentBody.base64Length(3)).isEqualTo(4);
		assertThat(GenerateContentBody.base64Length(4)).isEqualTo(8);
		assertThat(GenerateContentBody.base64Length(20_000_000))
			.isEqualTo(Base64.getEncoder().encodeToString(new byte[20_000_000]).length());
	}

	@Test
	void measuresWithoutReadingImageBytes() {
		ByteSource unreadable = new ByteSource() {

			@Override
			public long size() {
				return 1_000_000_000L;
			}

			@Override
			public InputStream openStream() {
				throw new AssertionError("must not be read");
			}

		};
		GenerateContentRequest request = GenerateContentRequest.of(new InlineImagePart(unreadable, "image/png"));

		assertThatNoException().isThrownBy(() -> GenerateContentBody.contentLength(request));
		assertThat(GenerateContentBody.partLength(request.parts().get(0)))
			.isEqualTo("{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"\"}}".length()
					+ GenerateContentBody.base64Length(1_000_000_000L));
	}

	@Test
	void isQuickToWriteOnlyWhenEveryImageIsASmallHeapImage() {
		assertThat(GenerateContentBody.of(GenerateContentRequest.of(new TextPart("hi"))).quickToWrite()).isTrue();
		assertThat(quickToWrite(sized(300_000, true), sized(700_000, true))).isTrue();
		assertThat(quickToWrite(sized(600_000, true), sized(600_000, true))).as("over 1 MB in all").isFalse();
		assertThat(quickToWrite(sized(10, true), sized(10, false))).as("one image on disk").isFalse();
	}

	private static boolean quickToWrite(ByteSource... images) {
		List<RequestPart> parts = Stream.of(images)
			.map((image) -> (RequestPart) new InlineImagePart(image, "image/png"))
			.toList();
		return GenerateContentBody.of(GenerateContentRequest.of(parts.toArray(RequestPart[]::new))).quickToWrite();
	}

	private static ByteSource sized(long size, boolean inMemory) {
		return new ByteSource() {

			@Override
			public long size() {
				return size;
			}

			@Override
			public InputStream openStream() {
				throw new AssertionError("must not be read");
			}

			@Override
			public boolean inMemory() {
				return inMemory;
			}

		};
	}

	@Test
	void encodesImagesInBlocksOfAtMost64KiBOnlyWhenSubscribed() {
		TestByteSource image = TestByteSource.random(200_000);
		Flux<DataBuffer> body = GenerateContentBody
			.write(GenerateContentRequest.of(new InlineImagePart(image, "image/png")), BUFFERS);
		assertThat(image.opened).hasValue(0);

		List<Integer> sizes = body.map((buffer) -> {
			int size = buffer.readableByteCount();
			DataBufferUtils.release(buffer);
			return size;
		}).collectList().block();

		assertThat(sizes).allMatch((size) -> size <= 64 * 1024);
		assertThat(sizes).contains(64 * 1024);
		assertThat(image.opened).hasValue(1);
		assertThat(image.closed).hasValue(1);
	}

	@Test
	void closesTheImageStreamWhenTheSubscriberCancels() {
		TestByteSource image = TestByteSource.random(500_000);
		Flux<DataBuffer> body = GenerateContentBody
			.write(GenerateContentRequest.of(new InlineImagePart(image, "image/png")), BUFFERS);

		StepVerifier.create(body, 2).expectNextCount(2).thenCancel().verify();

		assertThat(image.opened).hasValue(1);
		assertThat(image.closed).hasValue(1);
	}

	@Test
	void failsInsteadOfWritingLessThanItsLengthWhenTheImageIsShorterThanDeclared() {
		TestByteSource image = TestByteSource.shorterThanDeclared(new byte[10], 100);
		Flux<DataBuffer> body = GenerateContentBody
			.write(GenerateContentRequest.of(new InlineImagePart(image, "image/png")), BUFFERS);

		StepVerifier.create(body.map(DataBufferUtils::release))
			.thenConsumeWhile((released) -> true)
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(SourceReadException.class)
				.hasMessageContaining("90 bytes before its declared size"))
			.verify();
		assertThat(image.closed).hasValue(1);
	}

	private static byte[] written(GenerateContentRequest request) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		GenerateContentBody.write(request, BUFFERS).doOnNext((buffer) -> {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			out.writeBytes(bytes);
			DataBufferUtils.release(buffer);
		}).blockLast();
		return out.toByteArray();
	}

}
