package com.example.visiongateway.image;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.ByteSource;

import static com.example.visiongateway.image.CraftedImages.exifTiff;
import static com.example.visiongateway.image.CraftedImages.ftyp;
import static com.example.visiongateway.image.CraftedImages.heif;
import static com.example.visiongateway.image.CraftedImages.png;
import static com.example.visiongateway.image.CraftedImages.pngChunk;
import static com.example.visiongateway.image.CraftedImages.riffChunk;
import static com.example.visiongateway.image.CraftedImages.vp8l;
import static com.example.visiongateway.image.CraftedImages.vp8x;
import static com.example.visiongateway.image.CraftedImages.webp;
import static com.example.visiongateway.support.TestImages.fixture;
import static com.example.visiongateway.support.TestImages.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ImageInspectorTests {

	private static final long MAX_PIXELS = 50_000_000;

	private final ImageInspector inspector = new ImageInspector(MAX_PIXELS);

	@Test
	void readsPngSizeFromItsHeader() {
		assertThat(inspect("chelsea.png")).isEqualTo(new ImageInfo(ImageType.PNG, 451, 300, 1));
	}

	@Test
	void readsLossyWebpSize() {
		assertThat(inspect("coffee.webp")).isEqualTo(new ImageInfo(ImageType.WEBP, 600, 400, 1));
	}

	@Test
	void readsHeicPrimaryGridSizeRatherThanTileSize() {
		assertThat(inspect("chelsea.heic")).isEqualTo(new ImageInfo(ImageType.HEIC, 451, 300, 1));
	}

	@Test
	void readsJpegSizeWithDefaultOrientation() {
		assertThat(inspect("rocket.jpg")).isEqualTo(new ImageInfo(ImageType.JPEG, 640, 427, 1));
	}

	@Test
	void readsBigEndianExifOrientationOfJpeg() {
		ImageInfo info = inspect("rocket-orientation6.jpg");
		assertThat(info).isEqualTo(new ImageInfo(ImageType.JPEG, 640, 427, 6));
		assertThat(info.uprightWidth()).isEqualTo(427);
		assertThat(info.uprightHeight()).isEqualTo(640);
	}

	@Test
	void readsLittleEndianExifOfJpeg() {
		assertThat(inspect("hubble_deep_field.jpg")).isEqualTo(new ImageInfo(ImageType.JPEG, 1000, 872, 1));
	}

	@Test
	void readsLittleEndianExifOrientationOtherThanTheDefault() {
		byte[] jpeg = fixture("hubble_deep_field.jpg");
		// the fixture's Orientation entry: tag 0x0112, SHORT, count 1, value 1,
		// little-endian
		int entry = indexOf(jpeg, new byte[] { 0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00 });
		assertThat(entry).isPositive();
		jpeg[entry + 8] = 3;
		assertThat(this.inspector.inspect(source(jpeg), "image/jpeg").orientation()).isEqualTo(3);
	}

	@Test
	void findsExifAfterAnXmpSegment() {
		byte[] jpeg = fixture("rocket-orientation6.jpg");
		byte[] xmp = CraftedImages.ascii("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>");
		byte[] withXmp = new CraftedImages.Bytes().add(Arrays.copyOf(jpeg, 2))
			.raw(0xFF, 0xE1)
			.u16(xmp.length + 2)
			.add(xmp)
			.add(Arrays.copyOfRange(jpeg, 2, jpeg.length))
			.toArray();
		assertThat(this.inspector.inspect(source(withXmp), null).orientation()).isEqualTo(6);
	}

	@Test
	void acceptsZeroPaddingAfterTheEndOfImageMarker() {
		byte[] jpeg = fixture("rocket.jpg");
		assertThat(this.inspector.inspect(source(Arrays.copyOf(jpeg, jpeg.length + 100)), null).width()).isEqualTo(640);
	}

	@Test
	void refusesJpegCutShortInsideItsScan() {
		byte[] jpeg = fixture("rocket.jpg");
		assertThat(refusal(() -> this.inspector.inspect(source(Arrays.copyOf(jpeg, jpeg.length - 2)), null)).code())
			.isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void readsBigJpegFromHeaderAndTailOnly() {
		byte[] jpeg = fixture("coffee-4000x3000.jpg");
		CountingSource counting = new CountingSource(jpeg);
		assertThat(this.inspector.inspect(counting, null)).isEqualTo(new ImageInfo(ImageType.JPEG, 4000, 3000, 1));
		assertThat(counting.bytesRead).isLessThan(64 * 1024);
	}

	@Test
	void refusesGifNamingTheDetectedAndAllowedTypes() {
		VisionException ex = refusal(() -> inspect("unsupported.gif"));
		assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertThat(ex.properties()).containsEntry("detectedMimeType", "image/gif")
			.containsEntry("allowedMimeTypes", ImageType.allowedMimeTypes());
		assertThat(ex.detail()).contains("image/gif").contains("image/png", "image/heif");
	}

	@Test
	void refusesJpegCutShortAfterAnIntactFrameHeader() {
		assertThat(refusal(() -> inspect("truncated.jpg")).code()).isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void refusesZeroBytes() {
		assertThat(refusal(() -> this.inspector.inspect(source(new byte[0]), "image/png")).code())
			.isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void refusesPngDeclaredAsJpeg() {
		VisionException ex = refusal(() -> this.inspector.inspect(source(fixture("chelsea.png")), "image/jpeg"));
		assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertThat(ex.properties()).containsEntry("detectedMimeType", "image/png")
			.containsEntry("declaredMimeType", "image/jpeg")
			.containsEntry("allowedMimeTypes", ImageType.allowedMimeTypes());
	}

	@Test
	void refusesDeclaredTypeThatIsNotAnImageType() {
		VisionException ex = refusal(() -> this.inspector.inspect(source(fixture("chelsea.png")), "text/plain"));
		assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertThat(ex.properties()).containsEntry("declaredMimeType", "text/plain");
	}

	@Test
	void acceptsMatchingAliasesAndIgnoresGenericDeclaredTypes() {
		ByteSource jpeg = source(fixture("rocket.jpg"));
		assertThat(this.inspector.inspect(jpeg, "IMAGE/JPG; charset=x").type()).isEqualTo(ImageType.JPEG);
		assertThat(this.inspector.inspect(jpeg, "application/octet-stream").type()).isEqualTo(ImageType.JPEG);
		assertThat(this.inspector.inspect(jpeg, " ").type()).isEqualTo(ImageType.JPEG);
	}

	@Test
	void acceptsHeicDeclaredAsHeifAndTheReverse() {
		assertThat(this.inspector.inspect(source(fixture("chelsea.heic")), "image/heif").type())
			.isEqualTo(ImageType.HEIC);
		byte[] heif = heif(ftyp("mif1", "mif1"), 10, 20);
		assertThat(this.inspector.inspect(source(heif), "image/heic").type()).isEqualTo(ImageType.HEIF);
	}

	@Test
	void refusesPngDeclaringMorePixelsThanTheLimitWithLimitAndActual() {
		VisionException ex = refusal(() -> this.inspector.inspect(source(png(30000, 30000)), "image/png"));
		assertThat(ex.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
		assertThat(ex.properties()).containsEntry("limit", MAX_PIXELS).containsEntry("actual", 30000L * 30000L);
	}

	@Test
	void refusesPixelBombAfterReadingOnlyItsHeader() {
		byte[] header = Arrays.copyOf(png(30000, 30000), 33);
		ByteSource huge = new ByteSource() {

			@Override
			public long size() {
				return 1L << 40;
			}

			@Override
			public InputStream openStream() {
				return new ByteArrayInputStream(header);
			}

		};
		assertThat(refusal(() -> this.inspector.inspect(huge, null)).code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE);
	}

	@Test
	void readsPngOrientationFromExifChunk() {
		byte[] png = png(40, 30, pngChunk("eXIf", exifTiff(false, 8)));
		assertThat(this.inspector.inspect(source(png), null)).isEqualTo(new ImageInfo(ImageType.PNG, 40, 30, 8));
	}

	@Test
	void refusesPngWithoutIendChunk() {
		byte[] png = png(40, 30);
		assertThat(refusal(() -> this.inspector.inspect(source(Arrays.copyOf(png, png.length - 1)), null)).code())
			.isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void refusesPngWithZeroWidth() {
		assertThat(refusal(() -> this.inspector.inspect(source(png(0, 30)), null)).code())
			.isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void readsLosslessWebpSize() {
		assertThat(this.inspector.inspect(source(webp(vp8l(1234, 16383))), "image/webp"))
			.isEqualTo(new ImageInfo(ImageType.WEBP, 1234, 16383, 1));
	}

	@Test
	void readsExtendedWebpCanvasAndExifOrientation() {
		byte[] webp = webp(vp8x(0x08, 5000, 7), vp8l(5000, 7), riffChunk("EXIF", exifTiff(true, 5)));
		assertThat(this.inspector.inspect(source(webp), null)).isEqualTo(new ImageInfo(ImageType.WEBP, 5000, 7, 5));
	}

	@Test
	void ignoresWebpExifChunkWhenTheHeaderDoesNotFlagIt() {
		byte[] webp = webp(vp8x(0, 5000, 7), vp8l(5000, 7), riffChunk("EXIF", exifTiff(true, 5)));
		assertThat(this.inspector.inspect(source(webp), null).orientation()).isEqualTo(1);
	}

	@Test
	void refusesWebpWhoseRiffSizeExceedsTheFile() {
		byte[] webp = fixture("coffee.webp");
		assertThat(refusal(() -> this.inspector.inspect(source(Arrays.copyOf(webp, webp.length - 10)), null)).code())
			.isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void refusesAvifAsUnsupported() {
		byte[] avif = heif(ftyp("avif", "mif1", "miaf"), 10, 10);
		VisionException ex = refusal(() -> this.inspector.inspect(source(avif), null));
		assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertThat(ex.properties()).containsEntry("detectedMimeType", "image/avif");
	}

	@Test
	void readsMif1OnlyFileAsHeif() {
		assertThat(this.inspector.inspect(source(heif(ftyp("mif1", "mif1", "miaf"), 321, 123)), null))
			.isEqualTo(new ImageInfo(ImageType.HEIF, 321, 123, 1));
	}

	@Test
	void detectsHeicFromACompatibleBrand() {
		assertThat(this.inspector.inspect(source(heif(ftyp("mif1", "mif1", "heic"), 8, 8)), null).type())
			.isEqualTo(ImageType.HEIC);
	}

	@Test
	void refusesHeifCutInsideABox() {
		byte[] heic = fixture("chelsea.heic");
		assertThat(refusal(() -> this.inspector.inspect(source(Arrays.copyOf(heic, heic.length - 1)), null)).code())
			.isEqualTo(ErrorCode.UNREADABLE_IMAGE);
	}

	@Test
	void refusesUnknownBytesAsOctetStream() {
		VisionException ex = refusal(() -> this.inspector.inspect(source("hello, world".getBytes()), null));
		assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
		assertThat(ex.properties()).containsEntry("detectedMimeType", "application/octet-stream");
	}

	@Test
	void reportsReadFailuresAsUnreadable() {
		byte[] jpeg = fixture("rocket.jpg");
		ByteSource failing = new ByteSource() {

			@Override
			public long size() {
				return jpeg.length;
			}

			@Override
			public InputStream openStream() {
				return new FilterInputStream(new ByteArrayInputStream(jpeg, 0, 4096)) {

					@Override
					public int read(byte[] b, int off, int len) throws IOException {
						int count = super.read(b, off, len);
						if (count < 0) {
							throw new IOException("disk gone");
						}
						return count;
					}

				};
			}

		};
		VisionException ex = refusal(() -> this.inspector.inspect(failing, null));
		assertThat(ex.code()).isEqualTo(ErrorCode.UNREADABLE_IMAGE);
		assertThat(ex.detail()).doesNotContain("disk gone");
	}

	private ImageInfo inspect(String fixture) {
		return this.inspector.inspect(source(fixture(fixture)), null);
	}

	private static VisionException refusal(ThrowingCallable call) {
		VisionException ex = catchThrowableOfType(VisionException.class, call);
		assertThat(ex).as("a VisionException").isNotNull();
		return ex;
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	/**
	 * Counts bytes actually read (not skipped), to prove inspection stays in the header
	 * and tail.
	 */
	private static final class CountingSource implements ByteSource {

		private final byte[] bytes;

		private long bytesRead;

		CountingSource(byte[] bytes) {
			this.bytes = bytes;
		}

		@Override
		public long size() {
			return this.bytes.length;
		}

		@Override
		public InputStream openStream() {
			return new FilterInputStream(new ByteArrayInputStream(this.bytes)) {

				@Override
				public int read() throws IOException {
					int value = super.read();
					CountingSource.this.bytesRead += (value < 0) ? 0 : 1;
					return value;
				}

				@Override
				public int read(byte[] b, int off, int len) throws IOException {
					int count = super.read(b, off, len);
					CountingSource.this.bytesRead += Math.max(count, 0);
					return count;
				}

			};
		}

	}

}
