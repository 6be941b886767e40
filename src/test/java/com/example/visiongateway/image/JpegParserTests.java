package com.example.visiongateway.image;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

import static com.example.visiongateway.support.TestImages.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** JPEG segment structure, crafted byte by byte. */
class JpegParserTests {

	private static final byte[] SOI = { (byte) 0xFF, (byte) 0xD8 };

	private static final byte[] SCAN = { (byte) 0xFF, (byte) 0xDA, 0, 2, 1, 2, 3, (byte) 0xFF, (byte) 0xD9 };

	private final ImageInspector inspector = new ImageInspector(50_000_000);

	@Test
	void skipsStandaloneMarkersTablesShortApp1AndFillBytes() {
		byte[] jpeg = jpeg(SOI, new byte[] { (byte) 0xFF, 0x01, (byte) 0xFF, (byte) 0xD3 }, segment(0xC4, 4),
				segment(0xC8, 1), segment(0xCC, 2), segment(0xE1, 3), new byte[] { (byte) 0xFF, (byte) 0xFF },
				frame(0xC2, 6), SCAN);

		assertThat(this.inspector.inspect(source(jpeg), null)).isEqualTo(new ImageInfo(ImageType.JPEG, 7, 5, 1));
	}

	@Test
	void refusesTooManySegmentsBeforeTheImageData() {
		byte[][] parts = new byte[1026][];
		parts[0] = SOI;
		for (int i = 1; i < parts.length; i++) {
			parts[i] = new byte[] { (byte) 0xFF, (byte) 0xD0 };
		}
		assertRefused(jpeg(parts), "too many segments");
	}

	@Test
	void refusesAnImageThatEndsOrStartsAgainBeforeItsData() {
		assertRefused(jpeg(SOI, frame(0xC0, 6), new byte[] { (byte) 0xFF, (byte) 0xD9 }, SCAN),
				"ends before its image data");
		assertRefused(jpeg(SOI, frame(0xC0, 6), SOI, SCAN), "ends before its image data");
	}

	@Test
	void refusesASecondOrShortFrameHeader() {
		assertRefused(jpeg(SOI, frame(0xC0, 6), frame(0xC1, 6), SCAN), "frame header is malformed");
		assertRefused(jpeg(SOI, frame(0xC0, 5), SCAN), "frame header is malformed");
	}

	@Test
	void refusesAnImageWithoutFrameHeader() {
		assertRefused(jpeg(SOI, segment(0xDB, 4), SCAN), "no frame header");
	}

	@Test
	void refusesEndlessFillBytes() {
		byte[] fill = new byte[1100];
		Arrays.fill(fill, (byte) 0xFF);
		assertRefused(jpeg(SOI, fill, frame(0xC0, 6), SCAN), "segment structure is corrupt");
	}

	@Test
	void refusesAScanWithoutAnEndOfImageMarker() {
		assertRefused(jpeg(SOI, frame(0xC0, 6), new byte[] { (byte) 0xFF, (byte) 0xDA }), "cut short");
		assertRefused(jpeg(SOI, frame(0xC0, 6), new byte[] { (byte) 0xFF, (byte) 0xDA, 0, 0 }), "cut short");
		assertRefused(
				jpeg(SOI, frame(0xC0, 6), new byte[] { (byte) 0xFF, (byte) 0xDA, 0, 2, (byte) 0xFF, (byte) 0xD0 }),
				"cut short");
	}

	private void assertRefused(byte[] jpeg, String why) {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> this.inspector.inspect(source(jpeg), null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UNREADABLE_IMAGE))
			.withMessageContaining(why);
	}

	/**
	 * A start-of-frame segment of 7 by 5 pixels, its payload padded to {@code payload}.
	 */
	private static byte[] frame(int marker, int payload) {
		byte[] bytes = segment(marker, payload);
		byte[] header = { 8, 0, 5, 0, 7, 3 };
		System.arraycopy(header, 0, bytes, 4, Math.min(payload, header.length));
		return bytes;
	}

	private static byte[] segment(int marker, int payload) {
		byte[] bytes = new byte[4 + payload];
		bytes[0] = (byte) 0xFF;
		bytes[1] = (byte) marker;
		bytes[2] = (byte) ((payload + 2) >> 8);
		bytes[3] = (byte) (payload + 2);
		return bytes;
	}

	private static byte[] jpeg(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

}
