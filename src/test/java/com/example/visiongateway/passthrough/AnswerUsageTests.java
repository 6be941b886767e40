package com.example.visiongateway.passthrough;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerUsageTests {

	private static final JsonMapper JSON = JsonMapper.shared();

	private static final String FIRST = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"A \\\"usageMetadata\\\" cat\"}]}}],"
			+ "\"usageMetadata\":{\"promptTokenCount\":1120,\"totalTokenCount\":1121}}";

	private static final String LAST = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"on a sofa.\"}]},"
			+ "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":1120,\"candidatesTokenCount\":7,"
			+ "\"thoughtsTokenCount\":30,\"totalTokenCount\":1157},\"modelVersion\":\"gemini-3.8-flash\"}";

	@Test
	void readsTheTopLevelUsageOfAJsonAnswerAndSkipsTheRest() {
		AnswerUsage usage = AnswerUsage.ofJson(JSON);
		byte[] answer = bytes("{\"candidates\":[{\"usageMetadata\":{\"totalTokenCount\":1}}],"
				+ "\"usageMetadata\":{\"promptTokenCount\":258,\"candidatesTokenCount\":4,\"totalTokenCount\":262}}");

		assertThat(usage.totalTokens(answer)).isEqualTo(262);
		assertThat(usage.last().promptTokenCount()).isEqualTo(258);
		assertThat(usage.last().candidatesTokenCount()).isEqualTo(4);
		assertThat(usage.last().thoughtsTokenCount()).isZero();
	}

	@Test
	void anAnswerWithoutUsageOrUnreadableHasNone() {
		AnswerUsage usage = AnswerUsage.ofJson(JSON);

		assertThat(usage.totalTokens(bytes("{\"totalTokens\":31}"))).isEqualTo(-1);
		assertThat(usage.totalTokens(bytes("{\"usageMetadata\":"))).isEqualTo(-1);
		assertThat(usage.totalTokens(bytes("[]"))).isEqualTo(-1);
		assertThat(usage.totalTokens("not bytes")).isEqualTo(-1);
		assertThat(usage.last()).isNull();
	}

	@Test
	void takesTheLastEventsUsageHoweverTheNetworkCutTheStream() {
		for (String separator : new String[] { "\r\n\r\n", "\n\n" }) {
			byte[] stream = bytes(FIRST + separator + LAST + separator);
			for (int cut = 1; cut < stream.length; cut++) {
				for (int second = cut; second < stream.length; second += 37) {
					AnswerUsage usage = AnswerUsage.ofEvents(JSON);
					usage.totalTokens(Arrays.copyOfRange(stream, 0, cut));
					usage.totalTokens(Arrays.copyOfRange(stream, cut, second));
					long total = usage.totalTokens(Arrays.copyOfRange(stream, second, stream.length));

					assertThat(total).as("cut at %d and %d", cut, second).isEqualTo(1157);
					assertThat(usage.last().thoughtsTokenCount()).isEqualTo(30);
				}
			}
		}
	}

	@Test
	void anEventIsReadOnlyOnceComplete() {
		AnswerUsage usage = AnswerUsage.ofEvents(JSON);

		assertThat(usage.totalTokens(bytes(FIRST + "\r\n"))).isEqualTo(-1);
		assertThat(usage.totalTokens(bytes("\r\n"))).isEqualTo(1121);
		assertThat(usage.totalTokens(bytes(LAST))).isEqualTo(1121);
	}

	@Test
	void theSameChunkOfferedTwiceIsReadOnce() {
		AnswerUsage usage = AnswerUsage.ofEvents(JSON);
		byte[] half = bytes("data: {\"usageMetadata\":{\"totalTokenCount\":5}}\n");

		usage.totalTokens(half);
		usage.totalTokens(half);

		assertThat(usage.totalTokens(bytes("\n"))).isEqualTo(5);
	}

	@Test
	void anEventLongerThanTheLimitIsPassedUnreadAndTheNextOneCounts() {
		AnswerUsage usage = AnswerUsage.ofEvents(JSON);
		String huge = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"" + "x".repeat(1_100_000)
				+ "\"}]}}],\"usageMetadata\":{\"totalTokenCount\":99}}";

		usage.totalTokens(bytes(huge.substring(0, 600_000)));
		usage.totalTokens(bytes(huge.substring(600_000)));
		assertThat(usage.totalTokens(bytes("\n\n"))).isEqualTo(-1);
		assertThat(usage.totalTokens(bytes(LAST + "\n\n"))).isEqualTo(1157);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
