package com.example.visiongateway.spatial;

import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.example.visiongateway.gemini.MaskFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The polygon rasteriser against an independent one: {@link Path2D#contains} with the
 * even-odd rule, asked at every pixel centre of the box. The fixtures are random rings
 * (self-intersecting ones included) with integer and fractional points, so centres that
 * fall exactly on edges and vertices are covered as well as the ordinary cases.
 */
class PolygonMaskTests {

	@Test
	void agreesWithPath2dOnRandomPolygonsInBothFrames() {
		Random random = new Random(20261205);
		long setPixels = 0;
		for (int fixture = 0; fixture < 400; fixture++) {
			int width = 1 + random.nextInt(160);
			int height = 1 + random.nextInt(160);
			int x1 = random.nextInt(width);
			int y1 = random.nextInt(height);
			PixelBox box = new PixelBox(x1, y1, x1 + 1 + random.nextInt(width - x1),
					y1 + 1 + random.nextInt(height - y1));
			List<double[]> rings = new ArrayList<>();
			for (int r = 0, count = 1 + random.nextInt(3); r < count; r++) {
				rings.add(ring(random, 3 + random.nextInt(10)));
			}
			for (MaskFrame frame : MaskFrame.values()) {
				RawMask.Polygons polygons = new RawMask.Polygons(rings, 0, 0);
				BoxBits actual = BoxBits.of(new PolygonMask(polygons, frame, box, width, height));
				Path2D.Double reference = path(rings, frame, box, width, height);
				for (int y = 0; y < box.height(); y++) {
					for (int x = 0; x < box.width(); x++) {
						boolean expected = reference.contains(box.x1() + x + 0.5, box.y1() + y + 0.5);
						assertThat(actual.get(x, y))
							.as("fixture %d, %s frame, pixel (%d, %d) of box %s", fixture, frame, x, y, box)
							.isEqualTo(expected);
					}
				}
				setPixels += actual.area();
			}
		}
		assertThat(setPixels).as("the fixtures must set pixels, not only agree on empty masks").isGreaterThan(50_000);
	}

	@Test
	void fillsASquareByPixelCentres() {
		// 100 x 50 image: x 250..750 is 25.0..75.0, y 200..600 is 10.0..30.0; centres
		// 25.5
		// … 74.5 and 10.5 … 29.5
		RawMask.Polygons square = new RawMask.Polygons(List.of(new double[] { 250, 200, 750, 200, 750, 600, 250, 600 }),
				0, 0);
		BoxBits bits = BoxBits.of(new PolygonMask(square, MaskFrame.IMAGE, new PixelBox(0, 0, 100, 50), 100, 50));
		assertThat(bits.area()).isEqualTo(50 * 20);
		assertThat(bits.get(25, 10)).isTrue();
		assertThat(bits.get(24, 10)).isFalse();
		assertThat(bits.get(74, 29)).isTrue();
		assertThat(bits.get(75, 29)).isFalse();
		assertThat(bits.get(74, 30)).isFalse();
	}

	@Test
	void leavesTheCrossingOfASelfIntersectingRingAndAnInnerRingOpen() {
		// A pentagram: its centre pentagon is crossed twice, so even-odd leaves it empty.
		double[] star = new double[10];
		for (int i = 0; i < 5; i++) {
			double angle = Math.PI / 2 + i * 4 * Math.PI / 5;
			star[2 * i] = 500 + 400 * Math.cos(angle);
			star[2 * i + 1] = 500 - 400 * Math.sin(angle);
		}
		BoxBits pentagram = BoxBits.of(new PolygonMask(new RawMask.Polygons(List.<double[]>of(star), 0, 0),
				MaskFrame.IMAGE, new PixelBox(0, 0, 100, 100), 100, 100));
		assertThat(pentagram.get(50, 50)).isFalse();
		assertThat(pentagram.get(50, 15)).isTrue();

		RawMask.Polygons withHole = new RawMask.Polygons(List.of(new double[] { 0, 0, 1000, 0, 1000, 1000, 0, 1000 },
				new double[] { 400, 400, 600, 400, 600, 600, 400, 600 }), 0, 0);
		BoxBits holed = BoxBits.of(new PolygonMask(withHole, MaskFrame.BOX, new PixelBox(10, 10, 20, 20), 100, 100));
		assertThat(holed.area()).isEqualTo(100 - 4);
		assertThat(holed.get(4, 4)).isFalse();
		assertThat(holed.get(3, 3)).isTrue();
	}

	@Test
	void cutsOffWhatLiesOutsideTheBox() {
		RawMask.Polygons whole = new RawMask.Polygons(List.of(new double[] { 0, 0, 1000, 0, 1000, 1000, 0, 1000 }), 0,
				0);
		BoxBits bits = BoxBits.of(new PolygonMask(whole, MaskFrame.IMAGE, new PixelBox(5, 6, 9, 8), 40, 30));
		assertThat(bits.area()).isEqualTo(4 * 2);
	}

	/** Points on a 0–1000 grid, half of them integers (edges through pixel centres). */
	private static double[] ring(Random random, int points) {
		double[] ring = new double[points * 2];
		for (int i = 0; i < ring.length; i++) {
			ring[i] = random.nextBoolean() ? random.nextInt(1001) : random.nextDouble() * 1000;
		}
		return ring;
	}

	/** The same mapping PolygonMask documents, into a Path2D with the even-odd rule. */
	private static Path2D.Double path(List<double[]> rings, MaskFrame frame, PixelBox box, int width, int height) {
		boolean inBox = frame == MaskFrame.BOX;
		double originX = inBox ? box.x1() : 0;
		double originY = inBox ? box.y1() : 0;
		double scaleX = inBox ? box.width() : width;
		double scaleY = inBox ? box.height() : height;
		Path2D.Double path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
		for (double[] ring : rings) {
			path.moveTo(originX + ring[0] * scaleX / 1000, originY + ring[1] * scaleY / 1000);
			for (int i = 2; i < ring.length; i += 2) {
				path.lineTo(originX + ring[i] * scaleX / 1000, originY + ring[i + 1] * scaleY / 1000);
			}
			path.closePath();
		}
		return path;
	}

}
