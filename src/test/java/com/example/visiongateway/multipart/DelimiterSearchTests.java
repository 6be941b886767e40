package com.example.visiongateway.multipart;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DelimiterSearchTests {

	private static final byte[] DELIMITER = "\r\n--b0undary".getBytes(StandardCharsets.US_ASCII);

	@Test
	void findsTheDelimiterAtTheStartInTheMiddleAndAtTheEnd() {
		DelimiterSearch search = new DelimiterSearch(DELIMITER);
		byte[] text = "\r\n--b0undaryxx\r\n--b0undar\r\n--b0undary".getBytes(StandardCharsets.US_ASCII);

		assertThat(search.find(text, 0, text.length)).isZero();
		assertThat(search.find(text, 1, text.length)).isEqualTo(25);
		assertThat(search.find(text, 26, text.length)).isEqualTo(-1);
	}

	@Test
	void ignoresADelimiterThatRunsPastTheWindow() {
		DelimiterSearch search = new DelimiterSearch(DELIMITER);
		byte[] text = "abc\r\n--b0undary".getBytes(StandardCharsets.US_ASCII);

		assertThat(search.find(text, 0, text.length - 1)).isEqualTo(-1);
		assertThat(search.find(text, 0, text.length)).isEqualTo(3);
	}

	@Test
	void agreesWithANaiveSearchOnRandomAndAdversarialData() {
		Random random = new Random(42);
		for (int round = 0; round < 2_000; round++) {
			int alphabet = 1 + random.nextInt((round % 3 == 0) ? 2 : 256);
			byte[] pattern = randomBytes(random, 2 + random.nextInt(74), alphabet);
			byte[] text = randomBytes(random, random.nextInt(3_000), alphabet);
			for (int copy = random.nextInt(3); copy > 0 && text.length > pattern.length; copy--) {
				System.arraycopy(pattern, 0, text, random.nextInt(text.length - pattern.length), pattern.length);
			}
			int from = (text.length > 0) ? random.nextInt(text.length) : 0;
			int to = from + random.nextInt(text.length - from + 1);

			assertThat(new DelimiterSearch(pattern).find(text, from, to)).as("round %d", round)
				.isEqualTo(naive(pattern, text, from, to));
		}
	}

	@Test
	void findsTheDelimiterInDataThatAlmostMatchesEverywhere() {
		// Boundary and body chosen by a caller to defeat the skip table: the linear
		// search takes over.
		byte[] pattern = ("\r\n--" + "a".repeat(70)).getBytes(StandardCharsets.US_ASCII);
		byte[] text = new byte[1 << 20];
		Arrays.fill(text, (byte) 'a');
		System.arraycopy(pattern, 0, text, text.length - pattern.length - 5, pattern.length);

		assertThat(new DelimiterSearch(pattern).find(text, 0, text.length)).isEqualTo(text.length - pattern.length - 5);
		assertThat(new DelimiterSearch(pattern).find(text, 0, text.length - 6)).isEqualTo(-1);
	}

	@Test
	void needsTwoBytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new DelimiterSearch(new byte[] { '-' }));
	}

	private static int naive(byte[] pattern, byte[] text, int from, int to) {
		for (int i = from; i + pattern.length <= to; i++) {
			if (Arrays.equals(text, i, i + pattern.length, pattern, 0, pattern.length)) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] randomBytes(Random random, int length, int alphabet) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) ('a' + random.nextInt(alphabet));
		}
		return bytes;
	}

}
