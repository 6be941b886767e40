package com.example.visiongateway.image;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.io.ByteSource;

import static com.example.visiongateway.image.CraftedImages.exifTiff;
import static com.example.visiongateway.image.CraftedImages.ftyp;
import static com.example.visiongateway.image.CraftedImages.heif;
import static com.example.visiongateway.image.CraftedImages.imir;
import static com.example.visiongateway.image.CraftedImages.irot;
import static com.example.visiongateway.image.CraftedImages.png;
import static com.example.visiongateway.image.CraftedImages.pngChunk;
import static com.example.visiongateway.image.CraftedImages.riffChunk;
import static com.example.visiongateway.image.CraftedImages.vp8l;
import static com.example.visiongateway.image.CraftedImages.vp8x;
import static com.example.visiongateway.image.CraftedImages.webp;
import static com.example.visiongateway.support.TestImages.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Whatever the bytes, inspection ends with an {@link ImageInfo} or a
 * {@link VisionException} carrying one of its three codes: never another exception, never
 * a hang.
 */
class ImageInspectorFuzzTests {

	private static final long MAX_PIXELS = 100_000_000;

	private static final Set<ErrorCode> EXPECTED_CODES = EnumSet.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
			ErrorCode.UNREADABLE_IMAGE, ErrorCode.IMAGE_TOO_LARGE);

	private static final List<String> FIXTURES = List.of("chelsea.png", "coffee.webp", "chelsea.heic", "rocket.jpg",
			"rocket-orientation6.jpg", "hubble_deep_field.jpg", "truncated.jpg", "unsupported.gif");

	private final ImageInspector inspector = new ImageInspector(MAX_PIXELS);

	private final Random random = new Random(20240611);

	private int cases;

	@Test
	@Timeout(120)
	void answersEveryByteSequenceWithInfoOrAContractProblem() {
		List<byte[]> seeds = seeds();
		for (byte[] seed : seeds) {
			for (int length = 0; length < seed.length; length += 97) {
				check(seed, length, length);
			}
		}
		for (int i = 0; i < 1500; i++) {
			byte[] seed = seeds.get(this.random.nextInt(seeds.size()));
			check(randomTail(seed));
			check(flipHeaderBytes(seed));
			check(hugeLengthField(seed));
		}
		for (int i = 0; i < 200; i++) {
			byte[] mutated = flipHeaderBytes(seeds.get(this.random.nextInt(seeds.size())));
			// a size claimed far beyond the bytes: length checks pass, so reads must cope
			// with the real end
			check(mutated, mutated.length, 1L << 40);
		}
		assertThat(this.cases).isGreaterThanOrEqualTo(2000);
	}

	private List<byte[]> seeds() {
		List<byte[]> seeds = new ArrayList<>();
		for (String name : FIXTURES) {
			seeds.add(fixture(name));
		}
		seeds.add(png(300, 200, pngChunk("eXIf", exifTiff(true, 6))));
		seeds.add(webp(vp8l(640, 480)));
		seeds.add(webp(vp8x(0x08, 640, 480), vp8l(640, 480), riffChunk("EXIF", exifTiff(false, 3))));
		seeds.add(heif(ftyp("mif1", "mif1"), 640, 480, irot(1), imir(1)));
		seeds.add(heif(ftyp("avif", "mif1"), 64, 64));
		return seeds;
	}

	/** Keeps a valid magic number (the first 16 bytes or so) and randomizes the rest. */
	private byte[] randomTail(byte[] seed) {
		int keep = Math.min(seed.length, 4 + this.random.nextInt(40));
		byte[] bytes = new byte[keep + this.random.nextInt(600)];
		this.random.nextBytes(bytes);
		System.arraycopy(seed, 0, bytes, 0, keep);
		return bytes;
	}

	private byte[] flipHeaderBytes(byte[] seed) {
		byte[] bytes = seed.clone();
		int flips = 1 + this.random.nextInt(8);
		for (int i = 0; i < flips; i++) {
			bytes[this.random.nextInt(Math.min(bytes.length, 1024))] = (byte) this.random.nextInt(256);
		}
		return bytes;
	}

	/**
	 * Plants an extreme 32-bit value (negative when signed, or just huge) somewhere in
	 * the header.
	 */
	private byte[] hugeLengthField(byte[] seed) {
		byte[] bytes = seed.clone();
		int[] extremes = { 0xFFFFFFFF, 0x7FFFFFFF, 0x80000000, 0x00010000, 0xFFFF0000 };
		int value = extremes[this.random.nextInt(extremes.length)];
		int at = this.random.nextInt(Math.max(1, Math.min(bytes.length, 512) - 4));
		for (int i = 0; i < 4 && at + i < bytes.length; i++) {
			bytes[at + i] = (byte) (value >>> (24 - 8 * i));
		}
		return bytes;
	}

	private void check(byte[] bytes) {
		check(bytes, bytes.length, bytes.length);
	}

	private void check(byte[] bytes, int length, long declaredSize) {
		this.cases++;
		try {
			ImageInfo info = this.inspector.inspect(new Prefix(bytes, length, declaredSize), null);
			assertThat(info.width()).isPositive();
			assertThat(info.height()).isPositive();
			assertThat(info.pixels()).isLessThanOrEqualTo(MAX_PIXELS);
			assertThat(info.orientation()).isBetween(1, 8);
		}
		catch (VisionException ex) {
			assertThat(ex.code()).isIn(EXPECTED_CODES);
		}
		catch (RuntimeException | Error ex) {
			fail("Case %d (%d bytes) threw %s", this.cases, length, ex, ex);
		}
	}

	/** The first {@code length} bytes of an array, without copying, claiming any size. */
	private record Prefix(byte[] bytes, int length, long size) implements ByteSource {

		@Override
		public InputStream openStream() {
			return new ByteArrayInputStream(this.bytes, 0, this.length);
		}

	}

}
