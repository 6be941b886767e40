package com.example.visiongateway.spatial;

import java.util.ArrayList;
import java.util.List;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.MaskFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns Gemini's detection or segmentation answer into the contract's pixel-space
 * detections: reads the answer tolerantly, converts each box exactly, and for
 * segmentation resizes each mask to its box, thresholds it and encodes it as COCO RLE
 * over the whole upright image. Whatever is repaired or dropped on the way is reported as
 * a warning; one bad item never spoils the rest.
 * <p>
 * A box with no pixel area (a sliver on a small image) is dropped with a warning but is
 * not an error: the answer itself was well formed. Thread-safe.
 */
public final class SpatialPostProcessor {

	private final AnswerReader reader;

	private static final Logger logger = LoggerFactory.getLogger(SpatialPostProcessor.class);

	private final MaskDecoder maskDecoder;

	private final long maxMaskWork;

	public SpatialPostProcessor(SpatialLimits limits) {
		this.reader = new AnswerReader(limits);
		this.maskDecoder = new MaskDecoder(limits.maxMaskSide());
		this.maxMaskWork = limits.maxMaskWork();
	}

	/**
	 * Process one answer.
	 * @param answerText the model's answer text
	 * @param uprightWidth the width of the image as the caller sees it (after EXIF
	 * orientation)
	 * @param uprightHeight its height
	 * @param withMasks whether to decode masks (segmentation) or ignore them (detection)
	 * @param threshold a mask pixel is set when its value is above this, 0 to 254
	 * @return the detections and warnings
	 * @throws VisionException {@link ErrorCode#UPSTREAM_ERROR} when the answer holds
	 * nothing usable, with a bounded {@code rawAnswer}
	 */
	public SpatialResult process(String answerText, int uprightWidth, int uprightHeight, boolean withMasks,
			int threshold) {
		return process(answerText, uprightWidth, uprightHeight, withMasks, threshold, MaskFormat.RLE, MaskFrame.IMAGE);
	}

	/**
	 * Process one answer, answering masks in the given format; polygons in the answer are
	 * read over the whole image.
	 * @param answerText the model's answer text
	 * @param uprightWidth the width of the image as the caller sees it
	 * @param uprightHeight its height
	 * @param withMasks whether to decode masks
	 * @param threshold a mask pixel is set when its value is above this, 0 to 254
	 * @param maskFormat the form of each mask
	 * @return the detections and warnings
	 */
	public SpatialResult process(String answerText, int uprightWidth, int uprightHeight, boolean withMasks,
			int threshold, MaskFormat maskFormat) {
		return process(answerText, uprightWidth, uprightHeight, withMasks, threshold, maskFormat, MaskFrame.IMAGE);
	}

	/**
	 * Process one answer, answering masks in the given format.
	 * @param answerText the model's answer text
	 * @param uprightWidth the width of the image as the caller sees it (after EXIF
	 * orientation)
	 * @param uprightHeight its height
	 * @param withMasks whether to decode masks (segmentation) or ignore them (detection)
	 * @param threshold a mask pixel is set when its value is above this, 0 to 254
	 * @param maskFormat the form of each mask
	 * @param polygonFrame what polygon masks in the answer are normalized to
	 * @return the detections and warnings
	 * @throws VisionException {@link ErrorCode#UPSTREAM_ERROR} when the answer holds
	 * nothing usable, with a bounded {@code rawAnswer}
	 */
	public SpatialResult process(String answerText, int uprightWidth, int uprightHeight, boolean withMasks,
			int threshold, MaskFormat maskFormat, MaskFrame polygonFrame) {
		if (uprightWidth < 1 || uprightHeight < 1) {
			throw new IllegalArgumentException("Image dimensions must be positive");
		}
		if (threshold < 0 || threshold > 254) {
			throw new IllegalArgumentException("Threshold must be between 0 and 254");
		}
		ParsedAnswer answer = this.reader.read(answerText);
		List<String> warnings = new ArrayList<>(answer.warnings());
		List<Detection> detections = new ArrayList<>(answer.items().size());
		MaskWork work = new MaskWork();
		for (RawItem item : answer.items()) {
			BoxGeometry.Converted box = BoxGeometry.convert(item.box2d(), uprightWidth, uprightHeight);
			String name = "item " + item.index();
			if (box.clamped()) {
				warnings.add(name + ": clamped box_2d coordinates into [0, 1000]");
			}
			if (box.swapped()) {
				warnings.add(name + ": swapped inverted box_2d coordinates");
			}
			if (box.pixels().isEmpty()) {
				warnings
					.add(name + " dropped: its box has no area at " + uprightWidth + " x " + uprightHeight + " pixels");
				continue;
			}
			MaskEncodings.Encoded mask = withMasks ? mask(item, box.pixels(), uprightWidth, uprightHeight, threshold,
					maskFormat, polygonFrame, warnings, work) : null;
			detections.add(new Detection(item.label(), box.box2d(), box.pixels().toList(),
					(mask != null) ? mask.area() : null, (mask != null) ? mask.mask() : null));
		}
		if (work.dropped > 0) {
			logger.warn("Dropped {} of the masks of one answer: they would have cost more than {} units of mask work "
					+ "(vision.spatial.max-mask-work)", work.dropped, this.maxMaskWork);
		}
		if (work.clampedPoints > 0) {
			// Once per answer: points off the frame mean the model or its mask frame
			// setting is off
			logger.warn("Clamped {} polygon mask points of one answer into [0, 1000]; if this is common, check the "
					+ "model's mask-frame setting (docs/models.md)", work.clampedPoints);
		}
		return new SpatialResult(detections, warnings);
	}

	private MaskEncodings.Encoded mask(RawItem item, PixelBox box, int width, int height, int threshold,
			MaskFormat maskFormat, MaskFrame polygonFrame, List<String> warnings, MaskWork work) {
		String name = "item " + item.index();
		if (item.mask() == null) {
			warnings.add(name + ": no mask in the answer");
			return null;
		}
		try {
			return MaskEncodings.encode(maskFormat, width, height, box,
					boxMask(item.mask(), name, box, width, height, threshold, polygonFrame, warnings, work));
		}
		catch (MaskRejectedException ex) {
			warnings.add(name + ": mask dropped: " + ex.getMessage());
			return null;
		}
	}

	/**
	 * The item's mask over its box, once its cost fits what is left of the answer's mask
	 * work: a PNG's from its header before it is decoded, a polygon's from its points.
	 */
	private BoxMask boxMask(RawMask mask, String name, PixelBox box, int width, int height, int threshold,
			MaskFrame polygonFrame, List<String> warnings, MaskWork work) {
		if (mask instanceof RawMask.PngMap map) {
			MaskDecoder.Png png = this.maskDecoder.parse(map.text());
			charge(work, BilinearMask.work(png.width(), png.height(), box.width(), box.height()));
			return new BilinearMask(this.maskDecoder.decode(png), box.width(), box.height(), threshold);
		}
		if (mask instanceof RawMask.Polygons polygons) {
			charge(work, PolygonMask.work(polygons, box));
			if (polygons.clampedPoints() > 0) {
				work.clampedPoints += polygons.clampedPoints();
				warnings.add(name + ": clamped " + polygons.clampedPoints() + " polygon points into [0, 1000]");
			}
			if (polygons.droppedRings() > 0) {
				warnings
					.add(name + ": dropped " + polygons.droppedRings() + " polygon rings with fewer than three points");
			}
			return new PolygonMask(polygons, polygonFrame, box, width, height);
		}
		throw new MaskRejectedException(((RawMask.Unreadable) mask).reason());
	}

	private void charge(MaskWork work, long cost) {
		if (cost > this.maxMaskWork - work.spent) {
			work.dropped++;
			throw new MaskRejectedException(
					"the answer's masks exceed the gateway's limit on mask work (the box is kept)");
		}
		work.spent += cost;
	}

	/**
	 * Mask work spent on one answer so far, the masks dropped for it and the points
	 * clamped.
	 */
	private static final class MaskWork {

		private long spent;

		private int dropped;

		private long clampedPoints;

	}

}
