package com.example.visiongateway.image;

import org.junit.jupiter.api.Test;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

import static com.example.visiongateway.image.CraftedImages.box;
import static com.example.visiongateway.image.CraftedImages.ftyp;
import static com.example.visiongateway.image.CraftedImages.heif;
import static com.example.visiongateway.image.CraftedImages.ispe;
import static com.example.visiongateway.support.TestImages.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** HEIF primary-item properties that are empty, repeated or zero. */
class HeifMetaTests {

	private final ImageInspector inspector = new ImageInspector(50_000_000);

	@Test
	void ignoresEmptyTransformsAndKeepsTheFirstSizeOfThePrimaryImage() {
		byte[] heic = heif(ftyp("heic"), 30, 20, box("irot"), box("imir"), ispe(99, 77));

		assertThat(this.inspector.inspect(source(heic), null)).isEqualTo(new ImageInfo(ImageType.HEIC, 30, 20, 1));
	}

	@Test
	void refusesAPrimaryImageWithAZeroDimension() {
		for (byte[] heic : new byte[][] { heif(ftyp("heic"), 0, 20), heif(ftyp("heic"), 30, 0) }) {
			assertThatExceptionOfType(VisionException.class)
				.isThrownBy(() -> this.inspector.inspect(source(heic), null))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.UNREADABLE_IMAGE))
				.withMessageContaining("has no dimensions");
		}
	}

}
