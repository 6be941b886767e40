package com.example.visiongateway.spatial;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AnnotatorTests {

	@BeforeAll
	static void headless() {
		System.setProperty("java.awt.headless", "true");
	}

	@Test
	void drawsBoxesLabelsAndMasksOnThePicture() throws IOException {
		BufferedImage cat = read("chelsea.png");
		BufferedImage annotated = new BufferedImage(cat.getWidth(), cat.getHeight(), BufferedImage.TYPE_INT_RGB);
		annotated.createGraphics().drawImage(cat, 0, 0, null);
		String mask = MaskPngs.dataUrl(MaskPngs.gray(8, 8, (x, y) -> 255));
		SpatialResult result = new SpatialPostProcessor(SpatialLimits.defaults()).process(
				"[{\"box_2d\": [120, 80, 940, 610], \"label\": \"cat\", \"mask\": \"" + mask + "\"},"
						+ " {\"box_2d\": [0, 700, 200, 1000], \"label\": \"wall\"}]",
				cat.getWidth(), cat.getHeight(), true, 127);

		Annotator.annotate(annotated, result.detections());

		assertThat(annotated.getWidth()).isEqualTo(451);
		assertThat(annotated.getHeight()).isEqualTo(300);
		// Inside the masked box (36..275 x 36..282): tinted.
		assertThat(annotated.getRGB(150, 150)).isNotEqualTo(cat.getRGB(150, 150));
		// On the outline of the unmasked box [315, 0, 451, 60].
		assertThat(annotated.getRGB(400, 59)).isNotEqualTo(cat.getRGB(400, 59));
		// Far from every box: untouched.
		assertThat(annotated.getRGB(300, 290) & 0xFFFFFF).isEqualTo(cat.getRGB(300, 290) & 0xFFFFFF);
	}

	@Test
	void givesEachDetectionItsOwnColour() {
		assertThat(List.of(0, 1, 2, 3, 4, 5, 6, 7).stream().map(Annotator::colour).distinct()).hasSize(8);
	}

	@Test
	void drawsNothingForNoDetections() {
		BufferedImage image = new BufferedImage(20, 10, BufferedImage.TYPE_INT_RGB);
		image.setRGB(3, 4, 0x123456);
		Annotator.annotate(image, List.of());
		assertThat(image.getRGB(3, 4) & 0xFFFFFF).isEqualTo(0x123456);
	}

	@Test
	void drawsOnlyOnRgbPictures() {
		BufferedImage gray = new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY);
		assertThatIllegalArgumentException().isThrownBy(() -> Annotator.annotate(gray, List.of()));
	}

	private static BufferedImage read(String name) throws IOException {
		try (InputStream in = AnnotatorTests.class.getResourceAsStream("/images/" + name)) {
			return ImageIO.read(in);
		}
	}

}
