package com.example.visiongateway.image;

import java.time.Duration;
import java.util.Arrays;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.ByteSource;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PixelDecoderTests {

	private final Budget budget = new Budget("decode", 1024 * 1024);

	private final PixelDecoder decoder = new PixelDecoder(100_000_000, this.budget, Duration.ZERO);

	@ParameterizedTest
	@CsvSource({ "16, 6, 80000", "8, 6, 40000", "8, 2, 30000", "8, 0, 10000", "16, 0, 20000", "1, 0, 1300" })
	void chargesTheRasterAtItsBitDepth(int bitDepth, int colourType, long bytes) {
		ByteSource png = TestImages.source(TestImages.blankPng(100, 100, bitDepth, colourType, 1));
		try (PixelDecoder.Header header = this.decoder.open(png, ImageType.PNG)) {
			assertThat(header.cost(1, 0)).isEqualTo(bytes);
			assertThat(header.cost(1, 7)).isEqualTo(bytes + 7);
			try (PixelDecoder.Pixels pixels = header.decode(1, header.cost(1, 7))) {
				assertThat(pixels.image().getWidth()).isEqualTo(100);
				assertThat(this.budget.used()).isEqualTo(bytes + 7);
			}
		}
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void chargesAndDecodesOnlyTheSubsampledPixels() {
		ByteSource png = TestImages.source(TestImages.blankPng(1000, 500, 16, 6, 1));
		try (PixelDecoder.Header header = this.decoder.open(png, ImageType.PNG)) {
			assertThat(header.width(3)).isEqualTo(334);
			assertThat(header.height(3)).isEqualTo(167);
			assertThat(header.cost(3, 0)).isEqualTo(334L * 167 * 8);
			assertThat(header.affordable(header.cost(1, 0))).isFalse();
			try (PixelDecoder.Pixels pixels = header.decode(3, header.cost(3, 0))) {
				assertThat(pixels.image().getWidth()).isEqualTo(334);
				assertThat(pixels.image().getHeight()).isEqualTo(167);
			}
		}
	}

	@Test
	void refusesWhatTheBudgetCannotHoldNowAndGivesNothingAway() {
		ByteSource png = TestImages.source(TestImages.blankPng(100, 100, 8, 2, 1));
		this.budget.reserve(1024 * 1024 - 100, Duration.ZERO);
		try (PixelDecoder.Header header = this.decoder.open(png, ImageType.PNG)) {
			assertThatExceptionOfType(VisionException.class).isThrownBy(() -> header.decode(1, header.cost(1, 0)))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OVERLOADED));
		}
		assertThat(this.budget.used()).isEqualTo(1024 * 1024 - 100);
	}

	@Test
	void opensNothingItCannotReadAndGivesBackWhatAFailedDecodeReserved() {
		assertThat(this.decoder.open(TestImages.source(TestImages.fixture("chelsea.heic")), ImageType.HEIC)).isNull();
		byte[] cut = TestImages.fixture("chelsea.png");
		cut = Arrays.copyOf(cut, cut.length / 2);
		try (PixelDecoder.Header header = this.decoder.open(TestImages.source(cut), ImageType.PNG)) {
			assertThat(header.width()).isEqualTo(451);
			assertThat(header.decode(1, 1000)).isNull();
		}
		assertThat(this.budget.used()).isZero();
	}

	@Test
	void checksThePixelLimitFromTheDecodersOwnHeader() {
		PixelDecoder strict = new PixelDecoder(1_000_000, this.budget, Duration.ZERO);
		ByteSource large = TestImages.source(TestImages.fixture("coffee-4000x3000.jpg"));
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> strict.open(large, ImageType.JPEG))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
	}

}
