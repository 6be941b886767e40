package com.example.visiongateway.spatial;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.List;

/**
 * Draws detections on their upright image: a translucent mask, the box, and the label on
 * a filled tag, each detection in its own colour. Uses only off-screen drawing, so it
 * works with {@code java.awt.headless=true}.
 */
public final class Annotator {

	/**
	 * Successive hues a golden angle apart stay distinct for any number of detections.
	 */
	private static final float GOLDEN_RATIO_CONJUGATE = 0.618034f;

	private static final int MASK_OPACITY_PERCENT = 45;

	private Annotator() {
	}

	/**
	 * Draw detections onto the picture itself: the caller's upright copy is the only
	 * full-size image drawing needs.
	 * @param picture the upright image the detections refer to, of type
	 * {@link BufferedImage#TYPE_INT_RGB}
	 * @param detections boxes in its pixels, with optional masks of its size
	 */
	public static void annotate(BufferedImage picture, List<Detection> detections) {
		if (picture.getType() != BufferedImage.TYPE_INT_RGB) {
			throw new IllegalArgumentException("Pictures are drawn on TYPE_INT_RGB images");
		}
		int width = picture.getWidth();
		int height = picture.getHeight();
		BufferedImage out = picture;
		Graphics2D graphics = out.createGraphics();
		try {
			for (int i = 0; i < detections.size(); i++) {
				if (detections.get(i).mask() instanceof CocoRle mask && mask.width() == width
						&& mask.height() == height) {
					paintMask(out, mask, colour(i));
				}
			}
			int stroke = Math.max(2, Math.min(width, height) / 200);
			graphics.setStroke(new BasicStroke(stroke));
			graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
			graphics.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(12, Math.min(width, height) / 40)));
			for (int i = 0; i < detections.size(); i++) {
				drawBox(graphics, detections.get(i), colour(i), stroke);
			}
		}
		finally {
			graphics.dispose();
		}
	}

	static Color colour(int index) {
		return Color.getHSBColor((index * GOLDEN_RATIO_CONJUGATE) % 1f, 0.85f, 0.95f);
	}

	private static void drawBox(Graphics2D graphics, Detection detection, Color colour, int stroke) {
		List<Integer> box = detection.bbox();
		int x1 = box.get(0);
		int y1 = box.get(1);
		graphics.setColor(colour);
		graphics.drawRect(x1 + stroke / 2, y1 + stroke / 2, box.get(2) - x1 - stroke, box.get(3) - y1 - stroke);
		FontMetrics metrics = graphics.getFontMetrics();
		int tagWidth = metrics.stringWidth(detection.label()) + 2 * stroke;
		int tagHeight = metrics.getHeight();
		// Above the box when there is room, else just inside its top edge.
		int tagY = (y1 >= tagHeight) ? y1 - tagHeight : y1;
		graphics.fillRect(x1, tagY, tagWidth, tagHeight);
		graphics.setColor(isLight(colour) ? Color.BLACK : Color.WHITE);
		graphics.drawString(detection.label(), x1 + stroke, tagY + metrics.getAscent());
	}

	private static boolean isLight(Color colour) {
		return 299 * colour.getRed() + 587 * colour.getGreen() + 114 * colour.getBlue() > 150_000;
	}

	/** Blends the colour into every set pixel, walking the column-major runs. */
	private static void paintMask(BufferedImage out, CocoRle mask, Color colour) {
		int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
		int width = out.getWidth();
		int height = out.getHeight();
		long[] counts;
		try {
			counts = CocoRleCodec.counts(mask.counts());
		}
		catch (IllegalArgumentException ex) {
			return;
		}
		long position = 0;
		long total = (long) width * height;
		for (int i = 0; i < counts.length && position < total; i++) {
			long end = Math.min(total, position + counts[i]);
			if (i % 2 == 1) {
				for (long p = position; p < end; p++) {
					int index = (int) (p % height) * width + (int) (p / height);
					pixels[index] = blend(pixels[index], colour);
				}
			}
			position = end;
		}
	}

	private static int blend(int rgb, Color colour) {
		int keep = 100 - MASK_OPACITY_PERCENT;
		int red = (((rgb >> 16) & 0xFF) * keep + colour.getRed() * MASK_OPACITY_PERCENT) / 100;
		int green = (((rgb >> 8) & 0xFF) * keep + colour.getGreen() * MASK_OPACITY_PERCENT) / 100;
		int blue = ((rgb & 0xFF) * keep + colour.getBlue() * MASK_OPACITY_PERCENT) / 100;
		return (red << 16) | (green << 8) | blue;
	}

}
