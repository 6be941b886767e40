package com.example.visiongateway.spatial;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.IntBinaryOperator;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import com.example.visiongateway.support.CocoRleDecoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three mask formats describe the same pixels: each fixture goes through the whole
 * post-processing (PNG decoding, PIL-style resizing, threshold) once per format, and the
 * PNG and polygons are read back against the RLE.
 */
class MaskFormatsTests {

	private static final int WIDTH = 451;

	private static final int HEIGHT = 300;

	private final SpatialPostProcessor processor = new SpatialPostProcessor(SpatialLimits.defaults());

	/** Probability maps like Gemini's, on boxes smaller and larger than the map. */
	static Stream<Arguments> fixtures() {
		return Stream.of(Arguments.of("the stub's disc", disc(), "[100, 100, 500, 500]"),
				Arguments.of("the stub's disc, upscaled 4x", disc(), "[0, 0, 900, 600]"),
				Arguments.of("the stub's disc, downscaled", disc(), "[300, 300, 400, 380]"),
				Arguments.of("a soft blob", soft(256, 256, 3), "[50, 80, 950, 900]"),
				Arguments.of("several soft blobs", soft(200, 120, 7), "[0, 0, 1000, 1000]"),
				Arguments.of("a half mask", half(), "[500, 500, 900, 900]"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void polygonsRasterisedBackMatchTheRleMask(String name, String mask, String box) {
		Detection rle = segment(mask, box, MaskFormat.RLE);
		Detection polygon = segment(mask, box, MaskFormat.POLYGON);

		boolean[] expected = CocoRleDecoder.decode(((CocoRle) rle.mask()).counts(), HEIGHT, WIDTH);
		List<int[]> rings = ((PolygonOutline) polygon.mask()).polygons();
		boolean[] filled = MaskGrids.rasterise(rings, 0, 0, WIDTH, HEIGHT);
		assertThat(MaskGrids.iou(expected, filled)).as(name).isGreaterThanOrEqualTo(0.98);
		assertThat(polygon.area()).isEqualTo(rle.area());
		for (int[] ring : rings) {
			for (int k = 0; k < ring.length; k += 2) {
				assertThat(ring[k]).isBetween(polygon.bbox().get(0), polygon.bbox().get(2));
				assertThat(ring[k + 1]).isBetween(polygon.bbox().get(1), polygon.bbox().get(3));
			}
		}
	}

	@Test
	void leavesHolesOutOfThePolygons() {
		Detection rle = segment(ring(), "[120, 80, 940, 610]", MaskFormat.RLE);
		Detection polygon = segment(ring(), "[120, 80, 940, 610]", MaskFormat.POLYGON);

		boolean[] mask = CocoRleDecoder.decode(((CocoRle) rle.mask()).counts(), HEIGHT, WIDTH);
		List<int[]> rings = ((PolygonOutline) polygon.mask()).polygons();
		boolean[] filled = MaskGrids.rasterise(rings, 0, 0, WIDTH, HEIGHT);
		assertThat(rings).hasSize(1);
		long covered = 0;
		for (int i = 0; i < mask.length; i++) {
			covered += (mask[i] && filled[i]) ? 1 : 0;
		}
		assertThat((double) covered / rle.area()).isGreaterThanOrEqualTo(0.98);
		// The box [36, 36, 275, 282] is centred on (155, 159): inside the hole, outside
		// the mask, inside the ring.
		assertThat(mask[159 * WIDTH + 155]).isFalse();
		assertThat(filled[159 * WIDTH + 155]).isTrue();
		assertThat(polygon.area()).isEqualTo(rle.area());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void thePngOfTheBoxHoldsExactlyTheRlePixels(String name, String mask, String box) throws IOException {
		Detection rle = segment(mask, box, MaskFormat.RLE);
		Detection png = segment(mask, box, MaskFormat.PNG);

		PngMask picture = (PngMask) png.mask();
		assertThat(picture.format()).isEqualTo("png");
		assertThat(picture.bbox()).isEqualTo(rle.bbox());
		byte[] bytes = Base64.getDecoder().decode(picture.data());
		// IHDR: bit depth 1, colour type 0 (grayscale).
		assertThat(bytes[24]).isEqualTo((byte) 1);
		assertThat(bytes[25]).isEqualTo((byte) 0);
		BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(bytes));
		int x1 = rle.bbox().get(0);
		int y1 = rle.bbox().get(1);
		assertThat(decoded.getWidth()).isEqualTo(rle.bbox().get(2) - x1);
		assertThat(decoded.getHeight()).isEqualTo(rle.bbox().get(3) - y1);
		boolean[] expected = CocoRleDecoder.decode(((CocoRle) rle.mask()).counts(), HEIGHT, WIDTH);
		boolean[] inBox = new boolean[WIDTH * HEIGHT];
		long set = 0;
		for (int y = 0; y < decoded.getHeight(); y++) {
			for (int x = 0; x < decoded.getWidth(); x++) {
				boolean white = (decoded.getRGB(x, y) & 0xFFFFFF) == 0xFFFFFF;
				inBox[(y1 + y) * WIDTH + x1 + x] = white;
				set += white ? 1 : 0;
			}
		}
		assertThat(inBox).isEqualTo(expected);
		assertThat(png.area()).isEqualTo(rle.area()).isEqualTo(set);
	}

	@Test
	void simplifiesTheDiscsOutline() {
		Detection polygon = segment(disc(), "[0, 0, 900, 600]", MaskFormat.POLYGON);
		int[] traced = ContourTracer
			.outerContours(BoxBits.of(MaskGrids.of(rows(segment(disc(), "[0, 0, 900, 600]", MaskFormat.RLE)))), 0, 0)
			.get(0);

		int[] ring = ((PolygonOutline) polygon.mask()).polygons().get(0);
		assertThat(ring.length).isLessThan(traced.length);
	}

	private Detection segment(String mask, String box, MaskFormat format) {
		String answer = "[{\"box_2d\": " + box + ", \"label\": \"x\", \"mask\": \"" + mask + "\"}]";
		SpatialResult result = this.processor.process(answer, WIDTH, HEIGHT, true, 127, format);
		assertThat(result.warnings()).isEmpty();
		return result.detections().get(0);
	}

	/** The box region of an RLE detection as text rows. */
	private static String rows(Detection detection) {
		boolean[] bits = CocoRleDecoder.decode(((CocoRle) detection.mask()).counts(), HEIGHT, WIDTH);
		List<Integer> box = detection.bbox();
		StringBuilder text = new StringBuilder();
		for (int y = box.get(1); y < box.get(3); y++) {
			if (text.length() > 0) {
				text.append('/');
			}
			for (int x = box.get(0); x < box.get(2); x++) {
				text.append(bits[y * WIDTH + x] ? '#' : '.');
			}
		}
		return text.toString();
	}

	/** The stub's mask: a filled disc of 255 on 0, drawn by Java2D. */
	private static String disc() {
		BufferedImage mask = new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_GRAY);
		Graphics2D graphics = mask.createGraphics();
		graphics.setColor(Color.WHITE);
		graphics.fillOval(8, 8, 48, 48);
		graphics.dispose();
		return MaskPngs.dataUrl(mask);
	}

	/**
	 * Overlapping soft bumps: a probability map with gradual edges, as a model draws
	 * them.
	 */
	private static String soft(int width, int height, long seed) {
		Random random = new Random(seed);
		int count = 1 + random.nextInt(4);
		double[][] bumps = new double[count][];
		for (int i = 0; i < count; i++) {
			bumps[i] = new double[] { width * (0.2 + 0.6 * random.nextDouble()),
					height * (0.2 + 0.6 * random.nextDouble()),
					Math.min(width, height) * (0.08 + 0.15 * random.nextDouble()) };
		}
		return MaskPngs.dataUrl(MaskPngs.gray(width, height, (x, y) -> {
			double value = 0;
			for (double[] bump : bumps) {
				double d = Math.hypot(x - bump[0], y - bump[1]) / bump[2];
				value = Math.max(value, 255 / (1 + Math.exp(4 * (d - 1))));
			}
			return (int) value;
		}));
	}

	private static String ring() {
		IntBinaryOperator value = (x, y) -> {
			double d = Math.hypot(x - 64, y - 64);
			return (int) (255 / (1 + Math.exp(Math.abs(d - 40) - 14)));
		};
		return MaskPngs.dataUrl(MaskPngs.gray(128, 128, value));
	}

	private static String half() {
		return MaskPngs.dataUrl(MaskPngs.gray(16, 16, (x, y) -> (x < 8) ? 255 : 0));
	}

}
