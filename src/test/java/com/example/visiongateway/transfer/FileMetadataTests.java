package com.example.visiongateway.transfer;

import com.example.visiongateway.auth.Tenant;
import com.example.visiongateway.image.ImageInfo;
import com.example.visiongateway.image.ImageType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FileMetadataTests {

	private static final String SHA = "ab".repeat(32);

	@Test
	void roundTripsImageFactsAndOwnerThroughTheDisplayName() {
		var info = new ImageInfo(ImageType.JPEG, 640, 427, 6);
		String owner = Tenant.named("alice").id();
		String displayName = FileMetadata.encode(info, SHA, owner);

		var decoded = FileMetadata.decode(displayName).orElseThrow();

		assertThat(decoded.info()).isEqualTo(info);
		assertThat(decoded.sha256()).isEqualTo(SHA);
		assertThat(decoded.owner()).isEqualTo(owner);
		assertThat(displayName).doesNotContain("alice");
		assertThat(displayName.length()).isLessThanOrEqualTo(512);
		assertThat(FileMetadata.isTagged(displayName)).isTrue();
	}

	@Test
	void readsTheFactsOfNamesWrittenBeforeTenancyAsOwnedByNoKey() {
		var decoded = FileMetadata.decode("rocket.jpg#vg1;t=PNG;w=2;h=3;o=1;sha256=" + SHA).orElseThrow();

		assertThat(decoded.info()).isEqualTo(new ImageInfo(ImageType.PNG, 2, 3, 1));
		assertThat(decoded.owner()).isNull();
	}

	@Test
	void ignoresNamesItDidNotWriteOrThatAreDamaged() {
		assertThat(FileMetadata.decode("holiday.png")).isEmpty();
		assertThat(FileMetadata.decode(null)).isEmpty();
		assertThat(FileMetadata.decode("#vg2;t=PNG;w=x;h=1;o=1;sha256=" + SHA)).isEmpty();
		assertThat(FileMetadata.decode("a#vg1;t=GIF;w=1;h=1;o=1;sha256=" + SHA)).isEmpty();
		assertThat(FileMetadata.isTagged("holiday.png")).isFalse();
	}

	@Test
	void skipsFieldsWithoutANameAndRefusesATagWithoutSha256() {
		assertThat(FileMetadata.decode("a#vg1;junk;=x;t=PNG;w=2;h=3;o=1;sha256=" + SHA)).map(FileMetadata.Decoded::info)
			.contains(new ImageInfo(ImageType.PNG, 2, 3, 1));
		assertThat(FileMetadata.decode("a#vg1;t=PNG;w=2;h=3;o=1")).isEmpty();
		assertThat(FileMetadata.isTagged(null)).isFalse();
	}

}
