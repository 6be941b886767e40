package com.example.visiongateway.image;

import java.awt.image.BufferedImage;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OrientationTests {

	private static final Map<Character, Integer> COLOURS = Map.of('A', 0xFF0000, 'B', 0x00FF00, 'C', 0x0000FF, 'D',
			0xFFFF00, 'E', 0x00FFFF, 'F', 0xFF00FF);

	/**
	 * Stored 3 x 2 as "ABC/DEF"; the expected upright pictures follow the EXIF
	 * definitions.
	 */
	@ParameterizedTest
	@CsvSource({ "1, ABC/DEF", "2, CBA/FED", "3, FED/CBA", "4, DEF/ABC", "5, AD/BE/CF", "6, DA/EB/FC", "7, FC/EB/DA",
			"8, CF/BE/AD" })
	void turnsTheStoredPictureUpright(int orientation, String expected) {
		BufferedImage upright = Orientation.upright(image("ABC/DEF"), orientation, BufferedImage.TYPE_INT_RGB);
		assertThat(describe(upright)).isEqualTo(expected);
	}

	@Test
	void leavesAnImageWithAnUnknownOrientationAsItIs() {
		BufferedImage stored = image("ABC/DEF");
		assertThat(Orientation.upright(stored, 0, BufferedImage.TYPE_INT_RGB)).isSameAs(stored);
		assertThat(Orientation.upright(stored, 9, BufferedImage.TYPE_INT_RGB)).isSameAs(stored);
	}

	@ParameterizedTest
	@CsvSource({ "1, ABC/DEF", "6, DA/EB/FC", "8, CF/BE/AD" })
	void turnsAndConvertsInOneCopy(int orientation, String expected) {
		BufferedImage stored = image("ABC/DEF");
		BufferedImage withAlpha = new BufferedImage(3, 2, BufferedImage.TYPE_4BYTE_ABGR);
		withAlpha.createGraphics().drawImage(stored, 0, 0, null);
		BufferedImage upright = Orientation.upright(withAlpha, orientation, BufferedImage.TYPE_INT_RGB);
		assertThat(upright.getType()).isEqualTo(BufferedImage.TYPE_INT_RGB);
		assertThat(describe(upright)).isEqualTo(expected);
	}

	private static BufferedImage image(String rows) {
		String[] lines = rows.split("/");
		BufferedImage image = new BufferedImage(lines[0].length(), lines.length, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < lines.length; y++) {
			for (int x = 0; x < lines[y].length(); x++) {
				image.setRGB(x, y, COLOURS.get(lines[y].charAt(x)));
			}
		}
		return image;
	}

	private static String describe(BufferedImage image) {
		StringBuilder text = new StringBuilder();
		for (int y = 0; y < image.getHeight(); y++) {
			text.append((y > 0) ? "/" : "");
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y) & 0xFFFFFF;
				COLOURS.forEach((letter, colour) -> {
					if (colour == rgb) {
						text.append(letter);
					}
				});
			}
		}
		return text.toString();
	}

}
