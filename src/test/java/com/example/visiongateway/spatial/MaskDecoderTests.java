package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

class MaskDecoderTests {

	private static final IntBinaryOperator GRADIENT = (x, y) -> (x * 37 + y * 91) % 256;

	private final MaskDecoder decoder = new MaskDecoder(64);

	@Test
	void decodesADataUrl() {
		MaskRaster raster = this.decoder.decode(MaskPngs.dataUrl(MaskPngs.gray(5, 3, GRADIENT)));
		assertThat(raster.width()).isEqualTo(5);
		assertThat(raster.height()).isEqualTo(3);
		assertThat(raster.value(4, 2)).isEqualTo(GRADIENT.applyAsInt(4, 2));
	}

	@Test
	void decodesBareBase64AndToleratesLineBreaks() {
		String base64 = MaskPngs.base64(MaskPngs.gray(5, 3, GRADIENT));
		String wrapped = base64.substring(0, 10) + "\n" + base64.substring(10);
		assertThat(this.decoder.decode(base64).values()).isEqualTo(this.decoder.decode(wrapped).values())
			.isEqualTo(expected(5, 3, GRADIENT));
	}

	@Test
	void readsGrayPaletteRgbAndRgbaMasksAsTheSameIntensities() {
		BufferedImage[] images = { MaskPngs.gray(6, 4, GRADIENT), MaskPngs.palette(6, 4, GRADIENT),
				MaskPngs.rgb(6, 4, GRADIENT), MaskPngs.rgba(6, 4, GRADIENT) };
		int[] colourTypes = { 0, 3, 2, 6 };
		for (int i = 0; i < images.length; i++) {
			byte[] png = MaskPngs.png(images[i]);
			assertThat(MaskPngs.colourType(png)).as("PNG colour type").isEqualTo(colourTypes[i]);
			assertThat(this.decoder.decode(Base64.getEncoder().encodeToString(png)).values())
				.as("colour type %d", colourTypes[i])
				.isEqualTo(expected(6, 4, GRADIENT));
		}
	}

	@Test
	void readsRgbAsLuma() {
		BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, 0xFF0000);
		image.setRGB(1, 0, 0x0000FF);
		MaskRaster raster = this.decoder.decode(MaskPngs.dataUrl(image));
		// Rounded 0.299 * 255 and 0.114 * 255.
		assertThat(raster.value(0, 0)).isEqualTo(76);
		assertThat(raster.value(1, 0)).isEqualTo(29);
	}

	@Test
	void readsAlphaWhenTheColourCarriesNothing() {
		MaskRaster raster = this.decoder.decode(MaskPngs.dataUrl(MaskPngs.alphaOnly(6, 4, GRADIENT)));
		assertThat(raster.values()).isEqualTo(expected(6, 4, GRADIENT));
	}

	@Test
	void readsAnOpaqueBlackMaskAsEmptyRatherThanAsItsAlpha() {
		MaskRaster raster = this.decoder.decode(MaskPngs.dataUrl(MaskPngs.rgba(3, 3, (x, y) -> 0)));
		assertThat(raster.values()).containsOnly(0);
	}

	@Test
	void refusesAnOversizedPngFromItsHeaderBeforeDecoding() {
		// Only a header: decoding would fail differently, so the message proves the
		// header check.
		byte[] header = ByteBuffer.allocate(33)
			.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' })
			.putInt(13)
			.put(new byte[] { 'I', 'H', 'D', 'R' })
			.putInt(100_000)
			.putInt(10)
			.array();
		String mask = MaskPngs.DATA_URL_PREFIX + Base64.getEncoder().encodeToString(header);
		assertTimeout(Duration.ofMillis(200),
				() -> assertThatExceptionOfType(MaskRejectedException.class).isThrownBy(() -> this.decoder.decode(mask))
					.withMessage("PNG declares 100000 x 10 pixels, over the limit of 64 a side"));
	}

	@Test
	void refusesAPngJustOverTheSideLimit() {
		assertThatExceptionOfType(MaskRejectedException.class)
			.isThrownBy(() -> this.decoder.decode(MaskPngs.dataUrl(MaskPngs.gray(65, 1, GRADIENT))))
			.withMessageContaining("65 x 1");
		assertThat(this.decoder.decode(MaskPngs.dataUrl(MaskPngs.gray(64, 1, GRADIENT))).width()).isEqualTo(64);
	}

	@ParameterizedTest
	@ValueSource(strings = { "<seg_0>", "<seg_12>", " <SEG_3> " })
	void recognizesSegmentationTokens(String mask) {
		assertThatExceptionOfType(MaskRejectedException.class).isThrownBy(() -> this.decoder.decode(mask))
			.withMessage("a segmentation token, not a PNG");
	}

	@Test
	void refusesAJpegDataUrl() {
		assertThatExceptionOfType(MaskRejectedException.class)
			.isThrownBy(() -> this.decoder.decode("data:image/jpeg;base64,/9j/4AAQ"))
			.withMessage("not a PNG");
	}

	@Test
	void refusesBytesThatAreNotAPng() {
		String gif = Base64.getEncoder()
			.encodeToString("GIF89a\u0001\u0000\u0001\u0000 and more bytes here".getBytes());
		assertThatExceptionOfType(MaskRejectedException.class).isThrownBy(() -> this.decoder.decode(gif))
			.withMessage("not a PNG");
	}

	@Test
	void refusesTextThatIsNotBase64() {
		assertThatExceptionOfType(MaskRejectedException.class)
			.isThrownBy(() -> this.decoder.decode("data:image/png;base64,not*base64!"))
			.withMessage("not valid base64");
	}

	@Test
	void refusesAPngCutShort() {
		byte[] png = MaskPngs.png(MaskPngs.gray(16, 16, GRADIENT));
		byte[] cut = Arrays.copyOf(png, 40);
		assertThatExceptionOfType(MaskRejectedException.class)
			.isThrownBy(() -> this.decoder.decode(Base64.getEncoder().encodeToString(cut)))
			.withMessage("PNG could not be decoded");
	}

	private static byte[] expected(int width, int height, IntBinaryOperator value) {
		byte[] values = new byte[width * height];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				values[y * width + x] = (byte) value.applyAsInt(x, y);
			}
		}
		return values;
	}

}
