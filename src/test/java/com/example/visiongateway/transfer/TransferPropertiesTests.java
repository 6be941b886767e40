package com.example.visiongateway.transfer;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class TransferPropertiesTests {

	@Test
	void acceptsAnInlineLimitUpToGeminisHundredMegabytes() {
		assertThat(properties(DataSize.ofMegabytes(100)).inlineRequestLimit()).isEqualTo(DataSize.ofMegabytes(100));
	}

	@Test
	void refusesAnInlineLimitAboveGeminisHundredMegabytes() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(DataSize.ofBytes(100L * 1024 * 1024 + 1)))
			.withMessageContaining("vision.transfer.inline-request-limit may be at most 100MB");
	}

	@Test
	void leavesAMissingLimitToBeanValidation() {
		assertThat(properties(null).inlineRequestLimit()).isNull();
	}

	private static TransferProperties properties(DataSize inlineRequestLimit) {
		return new TransferProperties(inlineRequestLimit, 4, true, Duration.ofHours(48), Duration.ofHours(2), 100,
				Duration.ofMinutes(2));
	}

}
