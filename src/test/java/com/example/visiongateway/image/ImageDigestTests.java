package com.example.visiongateway.image;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static com.example.visiongateway.support.TestImages.source;
import static org.assertj.core.api.Assertions.assertThat;

class ImageDigestTests {

	@Test
	void matchesPublishedSha256Vectors() {
		assertThat(ImageDigest.sha256Hex(source(new byte[0])))
			.isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
		assertThat(ImageDigest.sha256Hex(source("abc".getBytes(StandardCharsets.US_ASCII))))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void digestsContentSpanningManyBuffersLikeAOneShotDigest() throws Exception {
		byte[] bytes = new byte[200_001];
		new Random(7).nextBytes(bytes);
		String oneShot = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		assertThat(ImageDigest.sha256Hex(source(bytes))).isEqualTo(oneShot);
	}

}
