package com.example.visiongateway.image;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static com.example.visiongateway.image.CraftedImages.exifTiff;
import static org.assertj.core.api.Assertions.assertThat;

class ExifOrientationTests {

	@Test
	void readsOrientationInBothByteOrders() {
		for (int orientation = 1; orientation <= 8; orientation++) {
			assertThat(ExifOrientation.fromTiff(exifTiff(true, orientation))).isEqualTo(orientation);
			assertThat(ExifOrientation.fromTiff(exifTiff(false, orientation))).isEqualTo(orientation);
		}
	}

	@Test
	void acceptsTheJpegStyleExifPrefix() {
		byte[] tiff = exifTiff(false, 7);
		byte[] prefixed = new CraftedImages.Bytes().ascii("Exif").raw(0, 0).add(tiff).toArray();
		assertThat(ExifOrientation.fromTiff(prefixed)).isEqualTo(7);
	}

	@Test
	void fallsBackToOneForValuesOutsideTheRange() {
		assertThat(ExifOrientation.fromTiff(exifTiff(true, 9))).isEqualTo(1);
		assertThat(ExifOrientation.fromTiff(exifTiff(true, 0))).isEqualTo(1);
	}

	@Test
	void fallsBackToOneWhenTheStructureIsCutOrBroken() {
		byte[] tiff = exifTiff(true, 6);
		for (int length = 0; length < tiff.length - 4; length++) {
			assertThat(ExifOrientation.fromTiff(Arrays.copyOf(tiff, length))).as("cut at %d", length).isEqualTo(1);
		}
		byte[] badOffset = tiff.clone();
		badOffset[4] = (byte) 0xF0;
		assertThat(ExifOrientation.fromTiff(badOffset)).isEqualTo(1);
	}

}
