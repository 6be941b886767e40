package com.example.visiongateway.transfer;

import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileMetadataTests {

	private static final String SHA = "ab".repeat(32);

	@Test
	void roundTripsImageFactsThroughTheDisplayName() {
		var info = new ImageInfo(ImageType.JPEG, 640, 427, 6);
		String displayName = FileMetadata.encode("rocket #1.jpg", info, SHA);

		var decoded = FileMetadata.decode(displayName).orElseThrow();

		assertThat(decoded.info()).isEqualTo(info);
		assertThat(decoded.sha256()).isEqualTo(SHA);
		assertThat(FileMetadata.callerName(displayName)).isEqualTo("rocket #1.jpg");
		assertThat(displayName.length()).isLessThanOrEqualTo(512);
	}

	@Test
	void keepsLongCallerNamesWithinGeminisLimit() {
		String displayName = FileMetadata.encode("x".repeat(2000), new ImageInfo(ImageType.PNG, 1, 1, 1), SHA);

		assertThat(displayName.length()).isLessThanOrEqualTo(512);
		assertThat(FileMetadata.decode(displayName)).isPresent();
	}

	@Test
	void ignoresNamesItDidNotWriteOrThatAreDamaged() {
		assertThat(FileMetadata.decode("holiday.png")).isEmpty();
		assertThat(FileMetadata.decode(null)).isEmpty();
		assertThat(FileMetadata.decode("a#vg1;t=PNG;w=x;h=1;o=1;sha256=" + SHA)).isEmpty();
		assertThat(FileMetadata.decode("a#vg1;t=GIF;w=1;h=1;o=1;sha256=" + SHA)).isEmpty();
		assertThat(FileMetadata.callerName("holiday.png")).isEqualTo("holiday.png");
	}

}
