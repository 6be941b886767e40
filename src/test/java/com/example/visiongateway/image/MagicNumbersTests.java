package com.example.visiongateway.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MagicNumbersTests {

	@Test
	void aJpegNeedsItsThirdSignatureByte() {
		assertThat(detect(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF }).type()).isEqualTo(ImageType.JPEG);
		assertThat(detect(new byte[] { (byte) 0xFF, (byte) 0xD8 }).type()).isNull();
		assertThat(detect(new byte[] { (byte) 0xFF, (byte) 0xD8, 0 }).mimeType()).isEqualTo(MagicNumbers.OCTET_STREAM);
	}

	@Test
	void anFtypBoxOfSizeZeroRunsToTheEndOfTheHead() {
		byte[] ftyp = CraftedImages.ftyp("mif1", "heic");
		ftyp[0] = ftyp[1] = ftyp[2] = ftyp[3] = 0;

		assertThat(detect(ftyp).type()).isEqualTo(ImageType.HEIC);
	}

	@Test
	void anFtypBoxTooShortForAMajorBrandIsNoImage() {
		byte[] ftyp = CraftedImages.ftyp("heic");
		ftyp[3] = 11;

		assertThat(detect(ftyp)).isEqualTo(new MagicNumbers.Detected(null, MagicNumbers.OCTET_STREAM));
		assertThat(detect(Arrays.copyOf(CraftedImages.ftyp("heic"), 11)).mimeType())
			.isEqualTo(MagicNumbers.OCTET_STREAM);
	}

	@Test
	void namesAvifAmongTheCompatibleBrandsAndPrefersHeic() {
		assertThat(detect(CraftedImages.ftyp("mif1", "avif"))).isEqualTo(new MagicNumbers.Detected(null, "image/avif"));
		assertThat(detect(CraftedImages.ftyp("mif1", "avif", "heix")).type()).isEqualTo(ImageType.HEIC);
		assertThat(detect(CraftedImages.ftyp("mif1")).type()).isEqualTo(ImageType.HEIF);
		assertThat(detect(CraftedImages.ftyp("isom", "mp41")).mimeType()).isEqualTo(MagicNumbers.OCTET_STREAM);
	}

	@Test
	void namesCommonUnsupportedTypesFromTheirSignatures() {
		assertThat(mimeType("GIF87a")).isEqualTo("image/gif");
		assertThat(mimeType("GIF89a")).isEqualTo("image/gif");
		assertThat(mimeType("BM" + "\0".repeat(12))).isEqualTo("image/bmp");
		assertThat(mimeType("BM" + "\0".repeat(11))).as("shorter than a bitmap file header")
			.isEqualTo(MagicNumbers.OCTET_STREAM);
		assertThat(mimeType("II*\0")).isEqualTo("image/tiff");
		assertThat(mimeType("MM\0*")).isEqualTo("image/tiff");
		assertThat(mimeType("MM*\0")).isEqualTo(MagicNumbers.OCTET_STREAM);
		assertThat(mimeType("%PDF-1.7")).isEqualTo("application/pdf");
		assertThat(mimeType("%PDF")).isEqualTo(MagicNumbers.OCTET_STREAM);
	}

	private static String mimeType(String head) {
		MagicNumbers.Detected detected = detect(head.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(detected.type()).isNull();
		return detected.mimeType();
	}

	private static MagicNumbers.Detected detect(byte[] head) {
		return MagicNumbers.detect(Arrays.copyOf(head, MagicNumbers.HEAD_LENGTH), head.length);
	}

}
