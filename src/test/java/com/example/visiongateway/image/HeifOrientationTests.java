package com.example.visiongateway.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import static com.example.visiongateway.image.CraftedImages.ftyp;
import static com.example.visiongateway.image.CraftedImages.heif;
import static com.example.visiongateway.image.CraftedImages.imir;
import static com.example.visiongateway.image.CraftedImages.irot;
import static com.example.visiongateway.support.TestImages.source;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * HEIF orientation comes from transformative properties; these tests check the EXIF value
 * the inspector reports against what the properties do to a small asymmetric grid of
 * pixels.
 */
class HeifOrientationTests {

	private static final int[][] GRID = { { 1, 2, 3 }, { 4, 5, 6 } };

	/**
	 * What each EXIF orientation does to show the stored picture upright, indexed 1 to 8.
	 */
	private static final List<UnaryOperator<int[][]>> EXIF = List.of(UnaryOperator.identity(), UnaryOperator.identity(),
			HeifOrientationTests::flipLeftRight, (grid) -> rotateAnticlockwise(rotateAnticlockwise(grid)),
			HeifOrientationTests::flipTopBottom, HeifOrientationTests::transpose,
			(grid) -> rotateAnticlockwise(rotateAnticlockwise(rotateAnticlockwise(grid))),
			(grid) -> rotateAnticlockwise(rotateAnticlockwise(rotateAnticlockwise(flipLeftRight(grid)))),
			HeifOrientationTests::rotateAnticlockwise);

	private final ImageInspector inspector = new ImageInspector(1_000_000);

	@Test
	void mapsAnticlockwiseQuarterTurnToExifEight() {
		assertThat(orientationOf(irot(1))).isEqualTo(8);
	}

	@Test
	void mapsEveryRotationAndMirrorSequenceToTheEquivalentExifOrientation() {
		List<byte[][]> sequences = new ArrayList<>();
		for (int quarters = 0; quarters < 4; quarters++) {
			sequences.add(new byte[][] { irot(quarters) });
			for (int axis = 0; axis < 2; axis++) {
				sequences.add(new byte[][] { imir(axis) });
				sequences.add(new byte[][] { irot(quarters), imir(axis) });
				sequences.add(new byte[][] { imir(axis), irot(quarters) });
			}
		}
		for (byte[][] sequence : sequences) {
			int[][] expected = GRID;
			for (byte[] property : sequence) {
				expected = apply(property, expected);
			}
			int orientation = orientationOf(sequence);
			assertThat(EXIF.get(orientation).apply(GRID)).as("orientation %d", orientation).isDeepEqualTo(expected);
		}
	}

	@Test
	void ignoresTransformsOfOtherItems() {
		byte[] file = heif(ftyp("heic", "mif1", "heic"), 30, 20);
		assertThat(this.inspector.inspect(source(file), null)).isEqualTo(new ImageInfo(ImageType.HEIC, 30, 20, 1));
	}

	private int orientationOf(byte[]... properties) {
		return this.inspector.inspect(source(heif(ftyp("heic", "mif1", "heic"), 30, 20, properties)), null)
			.orientation();
	}

	/**
	 * irot turns anticlockwise by its angle; imir axis 0 swaps top and bottom, axis 1
	 * left and right.
	 */
	private static int[][] apply(byte[] property, int[][] grid) {
		String type = new String(property, 4, 4);
		int value = property[8];
		if (type.equals("irot")) {
			int[][] turned = grid;
			for (int i = 0; i < value; i++) {
				turned = rotateAnticlockwise(turned);
			}
			return turned;
		}
		return (value == 0) ? flipTopBottom(grid) : flipLeftRight(grid);
	}

	private static int[][] rotateAnticlockwise(int[][] grid) {
		int rows = grid.length;
		int columns = grid[0].length;
		int[][] turned = new int[columns][rows];
		for (int y = 0; y < rows; y++) {
			for (int x = 0; x < columns; x++) {
				turned[columns - 1 - x][y] = grid[y][x];
			}
		}
		return turned;
	}

	private static int[][] flipLeftRight(int[][] grid) {
		int[][] flipped = new int[grid.length][];
		for (int y = 0; y < grid.length; y++) {
			flipped[y] = new int[grid[y].length];
			for (int x = 0; x < grid[y].length; x++) {
				flipped[y][x] = grid[y][grid[y].length - 1 - x];
			}
		}
		return flipped;
	}

	private static int[][] flipTopBottom(int[][] grid) {
		int[][] flipped = new int[grid.length][];
		for (int y = 0; y < grid.length; y++) {
			flipped[y] = Arrays.copyOf(grid[grid.length - 1 - y], grid[0].length);
		}
		return flipped;
	}

	private static int[][] transpose(int[][] grid) {
		int[][] transposed = new int[grid[0].length][grid.length];
		for (int y = 0; y < grid.length; y++) {
			for (int x = 0; x < grid[0].length; x++) {
				transposed[x][y] = grid[y][x];
			}
		}
		return transposed;
	}

}
