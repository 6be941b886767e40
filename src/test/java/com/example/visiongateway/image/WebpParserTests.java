package com.example.visiongateway.image;

import org.junit.jupiter.api.Test;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

import static com.example.visiongateway.image.CraftedImages.exifTiff;
import static com.example.visiongateway.image.CraftedImages.riffChunk;
import static com.example.visiongateway.image.CraftedImages.vp8l;
import static com.example.visiongateway.image.CraftedImages.vp8x;
import static com.example.visiongateway.image.CraftedImages.webp;
import static com.example.visiongateway.support.TestImages.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** WebP headers cut short or malformed, crafted byte by byte. */
class WebpParserTests {

	private final ImageInspector inspector = new ImageInspector(50_000_000);

	@Test
	void readsALossyKeyFrame() {
		assertThat(this.inspector.inspect(source(webp(lossy(0x9D, 0x01, 0x2A))), null))
			.isEqualTo(new ImageInfo(ImageType.WEBP, 7, 5, 1));
	}

	@Test
	void refusesALossyFrameHeaderCutShortOrWithoutItsStartCode() {
		assertRefused(webp(riffChunk("VP8 ", new byte[9])), "WebP frame header is cut short");
		assertRefused(webp(lossy(0x9C, 0x01, 0x2A)), "lossy frame header is malformed");
		assertRefused(webp(lossy(0x9D, 0x02, 0x2A)), "lossy frame header is malformed");
		assertRefused(webp(lossy(0x9D, 0x01, 0x2B)), "lossy frame header is malformed");
	}

	@Test
	void refusesALosslessHeaderCutShort() {
		assertRefused(webp(riffChunk("VP8L", new byte[] { 0x2F, 0, 0, 0 })), "lossless header is malformed");
	}

	@Test
	void refusesAnExtendedHeaderCutShort() {
		assertRefused(webp(riffChunk("VP8X", new byte[9])), "extended header is cut short");
	}

	@Test
	void ignoresAnExifChunkTooLargeToRead() {
		byte[] huge = new byte[64 * 1024 + 2];
		byte[] exif = exifTiff(true, 6);
		System.arraycopy(exif, 0, huge, 0, exif.length);

		assertThat(
				this.inspector.inspect(source(webp(vp8x(0x08, 30, 20), vp8l(30, 20), riffChunk("EXIF", huge))), null))
			.isEqualTo(new ImageInfo(ImageType.WEBP, 30, 20, 1));
	}

	private void assertRefused(byte[] webp, String why) {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> this.inspector.inspect(source(webp), null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UNREADABLE_IMAGE))
			.withMessageContaining(why);
	}

	/** A VP8 key frame of 7 by 5 pixels with the given start code. */
	private static byte[] lossy(int a, int b, int c) {
		return riffChunk("VP8 ", new byte[] { 0, 0, 0, (byte) a, (byte) b, (byte) c, 7, 0, 5, 0 });
	}

}
