package com.example.visiongateway.image;

import com.example.visiongateway.support.TestImages;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.Downscaler.Downscaled;
import com.example.visiongateway.io.ByteSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

class DownscalerTests {

	private static final long MAX_PIXELS = 100_000_000L;

	private final Budget budget = new Budget("decode", 1L << 30);

	private final Downscaler downscaler = new Downscaler(new PixelDecoder(MAX_PIXELS, this.budget, Duration.ZERO),
			0.9f);

	private final ImageInspector inspector = new ImageInspector(MAX_PIXELS);

	@Test
	void shrinksALargeJpegToTheMaximumOnItsLongerSide() throws IOException {
		ByteSource original = TestImages.source(TestImages.fixture("coffee-4000x3000.jpg"));
		try (Downscaled result = this.downscaler.downscale(original, inspect(original), 1024)) {
			assertThat(result.downscaled()).isTrue();
			assertThat(result.info()).isEqualTo(new ImageInfo(ImageType.JPEG, 1024, 768, 1));
			assertThat(inspect(result.bytes())).isEqualTo(result.info());
			assertThat(result.bytesSaved()).isEqualTo(original.size() - result.bytes().size()).isPositive();
			assertThat(result.warnings()).isEmpty();
		}
	}

	@Test
	void writesARotatedJpegUprightWithOrientationOne() throws IOException {
		ByteSource rotated = TestImages.source(TestImages.fixture("rocket-orientation6.jpg"));
		ImageInfo info = inspect(rotated);
		assertThat(info.orientation()).isEqualTo(6);
		try (Downscaled result = this.downscaler.downscale(rotated, info, 320)) {
			// upright 427 x 640 scaled by 1/2: 213.5 rounds to 214
			assertThat(result.info()).isEqualTo(new ImageInfo(ImageType.JPEG, 214, 320, 1));
			assertThat(inspect(result.bytes())).isEqualTo(result.info());
			BufferedImage written = decode(result.bytes());
			BufferedImage stored = ImageIO.read(new ByteArrayInputStream(TestImages.fixture("rocket.jpg")));
			BufferedImage turnedRight = Downscaler.scale(Orientation.upright(stored, 6, BufferedImage.TYPE_INT_RGB),
					214, 320);
			BufferedImage turnedLeft = Downscaler.scale(Orientation.upright(stored, 8, BufferedImage.TYPE_INT_RGB), 214,
					320);
			assertThat(meanDifference(written, turnedRight)).isLessThan(6);
			assertThat(meanDifference(written, turnedLeft)).isGreaterThan(20);
		}
	}

	@Test
	void leavesAnImageThatAlreadyFitsAsItIs() {
		ByteSource rotated = TestImages.source(TestImages.fixture("rocket-orientation6.jpg"));
		ImageInfo info = inspect(rotated);
		try (Downscaled result = this.downscaler.downscale(rotated, info, 1024)) {
			assertThat(result.downscaled()).isFalse();
			assertThat(result.bytes()).isSameAs(rotated);
			assertThat(result.info()).isEqualTo(info);
			assertThat(result.bytesSaved()).isZero();
			assertThat(result.warnings()).isEmpty();
		}
	}

	@Test
	void keepsPngAsPng() {
		ByteSource png = TestImages.source(TestImages.fixture("chelsea.png"));
		try (Downscaled result = this.downscaler.downscale(png, inspect(png), 200)) {
			// 451 x 300 scaled to 200 wide: 133.04 rounds to 133
			assertThat(result.info()).isEqualTo(new ImageInfo(ImageType.PNG, 200, 133, 1));
			assertThat(inspect(result.bytes())).isEqualTo(result.info());
		}
	}

	@Test
	void averagesAFineCheckerboardToGrayInsteadOfAliasing() throws IOException {
		BufferedImage checkerboard = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 256; y++) {
			for (int x = 0; x < 256; x++) {
				checkerboard.setRGB(x, y, ((x + y) % 2 == 0) ? 0xFFFFFF : 0x000000);
			}
		}
		ByteSource png = TestImages.source(png(checkerboard));
		try (Downscaled result = this.downscaler.downscale(png, inspect(png), 50)) {
			BufferedImage written = decode(result.bytes());
			assertThat(written.getWidth()).isEqualTo(50);
			long sum = 0;
			for (int y = 0; y < 50; y++) {
				for (int x = 0; x < 50; x++) {
					int gray = written.getRGB(x, y) & 0xFF;
					assertThat(gray).as("pixel %d,%d", x, y).isBetween(96, 160);
					sum += gray;
				}
			}
			assertThat(sum / 2500.0).isCloseTo(127.5, within(8.0));
		}
	}

	@Test
	void keepsTransparencyWithoutBleedingColourFromTransparentPixels() throws IOException {
		BufferedImage half = new BufferedImage(64, 64, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < 64; y++) {
			for (int x = 0; x < 64; x++) {
				half.setRGB(x, y, (x < 32) ? 0x00FF0000 : 0xFF0000FF);
			}
		}
		ByteSource png = TestImages.source(png(half));
		try (Downscaled result = this.downscaler.downscale(png, inspect(png), 16)) {
			BufferedImage written = decode(result.bytes());
			assertThat(written.getColorModel().hasAlpha()).isTrue();
			assertThat(written.getRGB(2, 8) >>> 24).isZero();
			assertThat(written.getRGB(13, 8)).isEqualTo(0xFF0000FF);
			// at the edge the opaque blue fades out; no red creeps in from the
			// transparent side
			assertThat((written.getRGB(8, 8) >> 16) & 0xFF).isLessThan(8);
		}
	}

	@Test
	void sendsWebpAndHeicAtFullSizeWithAWarning() {
		for (String name : new String[] { "coffee.webp", "chelsea.heic" }) {
			ByteSource image = TestImages.source(TestImages.fixture(name));
			ImageInfo info = inspect(image);
			try (Downscaled result = this.downscaler.downscale(image, info, 100)) {
				assertThat(result.bytes()).isSameAs(image);
				assertThat(result.info()).isEqualTo(info);
				assertThat(result.warnings()).singleElement().asString().contains(info.type().name(), "full size");
			}
		}
	}

	@Test
	void sendsAnImageItCannotDecodeAsItIsWithAWarning() {
		byte[] garbage = new byte[2048];
		garbage[0] = (byte) 0xFF;
		garbage[1] = (byte) 0xD8;
		ByteSource image = TestImages.source(garbage);
		ImageInfo claimed = new ImageInfo(ImageType.JPEG, 2000, 1000, 1);
		try (Downscaled result = this.downscaler.downscale(image, claimed, 100)) {
			assertThat(result.bytes()).isSameAs(image);
			assertThat(result.warnings()).singleElement().asString().contains("could not be decoded");
		}
	}

	@Test
	void refusesToDecodeAboveThePixelLimit() {
		ByteSource large = TestImages.source(TestImages.fixture("coffee-4000x3000.jpg"));
		Downscaler small = new Downscaler(new PixelDecoder(1_000_000, this.budget, Duration.ZERO), 0.9f);
		assertThatExceptionOfType(VisionException.class)
			.isThrownBy(() -> small.downscale(large, new ImageInfo(ImageType.JPEG, 4000, 3000, 1), 100))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.IMAGE_TOO_LARGE));
		// a header that understates the size is caught by the decoder's own reading of it
		assertThatExceptionOfType(VisionException.class)
			.isThrownBy(() -> small.downscale(large, new ImageInfo(ImageType.JPEG, 400, 300, 1), 100))
			.satisfies((ex) -> assertThat(ex.properties()).containsEntry("actual", 12_000_000L));
	}

	@Test
	void deletesItsTempFileOnClose() throws IOException {
		long before = tempFiles();
		ByteSource original = TestImages.source(TestImages.fixture("chelsea.png"));
		Downscaled result = this.downscaler.downscale(original, inspect(original), 100);
		assertThat(tempFiles()).isEqualTo(before + 1);
		result.close();
		assertThat(tempFiles()).isEqualTo(before);
	}

	@Test
	void shrinksADecodeBombFromASubsampledDecodeWithinASmallBudget() {
		ByteSource bomb = TestImages.source(TestImages.blankPng(10000, 10000, 16, 6, 6));
		ImageInfo info = inspect(bomb);
		assertThat(info).isEqualTo(new ImageInfo(ImageType.PNG, 10000, 10000, 6));
		// decoded whole it would be 800 MB; every 39th pixel of every 39th row is 528 KB
		Budget small = new Budget("decode", 1024 * 1024);
		Downscaler downscaler = new Downscaler(new PixelDecoder(MAX_PIXELS, small, Duration.ZERO), 0.9f);
		try (Downscaled result = downscaler.downscale(bomb, info, 64)) {
			assertThat(result.downscaled()).isTrue();
			assertThat(result.info()).isEqualTo(new ImageInfo(ImageType.PNG, 64, 64, 1));
			assertThat(inspect(result.bytes())).isEqualTo(result.info());
		}
		assertThat(small.used()).isZero();
	}

	@Test
	void decodesEveryNthPixelOnlyWhenTheTargetIsAtLeastEightTimesSmaller() {
		assertThat(Downscaler.subsampling(10000, 10000, 64, 64)).isEqualTo(39);
		assertThat(Downscaler.subsampling(4000, 3000, 1024, 768)).isEqualTo(1);
		assertThat(Downscaler.subsampling(4000, 3000, 600, 450)).isEqualTo(1);
		assertThat(Downscaler.subsampling(4000, 3000, 500, 375)).isEqualTo(2);
		// the side with the least room decides: a sliver stays four times its target
		assertThat(Downscaler.subsampling(600000, 166, 64, 1)).isEqualTo(41);
	}

	@Test
	void answersOverloadedWhileOthersHoldTheDecodeBudget() {
		ByteSource png = TestImages.source(TestImages.fixture("chelsea.png"));
		Budget small = new Budget("decode", 1024 * 1024);
		small.reserve(1024 * 1024 - 1000, Duration.ZERO);
		Downscaler downscaler = new Downscaler(new PixelDecoder(MAX_PIXELS, small, Duration.ZERO), 0.9f);
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> downscaler.downscale(png, inspect(png), 200))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OVERLOADED));
		small.release(1024 * 1024 - 1000);
		try (Downscaled result = downscaler.downscale(png, inspect(png), 200)) {
			assertThat(result.downscaled()).isTrue();
		}
		assertThat(small.used()).isZero();
	}

	@Test
	void sendsAnImageWhoseDecodingCouldNeverFitAtFullSizeWithAWarning() {
		ByteSource png = TestImages.source(TestImages.fixture("chelsea.png"));
		Budget tiny = new Budget("decode", 100_000);
		Downscaler downscaler = new Downscaler(new PixelDecoder(MAX_PIXELS, tiny, Duration.ZERO), 0.9f);
		try (Downscaled result = downscaler.downscale(png, inspect(png), 200)) {
			assertThat(result.bytes()).isSameAs(png);
			assertThat(result.warnings()).singleElement().asString().contains("too large", "full size");
		}
	}

	private ImageInfo inspect(ByteSource bytes) {
		return this.inspector.inspect(bytes, null);
	}

	private static long tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("vision-downscaled-")).count();
		}
	}

	private static BufferedImage decode(ByteSource bytes) throws IOException {
		try (InputStream in = bytes.openStream()) {
			return ImageIO.read(in);
		}
	}

	private static byte[] png(BufferedImage image) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageIO.write(image, "png", out);
		return out.toByteArray();
	}

	private static double meanDifference(BufferedImage a, BufferedImage b) {
		long total = 0;
		for (int y = 0; y < a.getHeight(); y++) {
			for (int x = 0; x < a.getWidth(); x++) {
				int p = a.getRGB(x, y);
				int q = b.getRGB(x, y);
				for (int shift = 0; shift < 24; shift += 8) {
					total += Math.abs(((p >> shift) & 0xFF) - ((q >> shift) & 0xFF));
				}
			}
		}
		return total / (3.0 * a.getWidth() * a.getHeight());
	}

}
