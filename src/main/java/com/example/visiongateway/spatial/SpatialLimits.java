package com.example.visiongateway.spatial;

/**
 * Bounds that keep a hostile or runaway model answer from costing unbounded memory or
 * CPU.
 *
 * @param maxItems detections kept from one answer; further items are dropped with a
 * warning
 * @param maxMaskSide largest width or height a mask PNG may declare before it is decoded
 * @param maxRawAnswerChars how much of an unusable answer is echoed back in the problem's
 * {@code rawAnswer}
 * @param maxAnswerChars longest answer text that is parsed at all
 * @param maxMaskWork mask work one answer may cost, in units of {@link BilinearMask#work}
 * (about a byte or a pixel each); masks beyond it are dropped with a warning
 */
public record SpatialLimits(int maxItems, int maxMaskSide, int maxRawAnswerChars, int maxAnswerChars,
		long maxMaskWork) {

	/** Room for 1,000 segmentation items with masks of a few kilobytes each. */
	public static final int DEFAULT_MAX_ANSWER_CHARS = 8 * 1024 * 1024;

	/**
	 * One whole-image mask on an image at the 100-megapixel limit, with room to spare.
	 */
	public static final long DEFAULT_MAX_MASK_WORK = 200_000_000L;

	public SpatialLimits {
		if (maxItems < 1 || maxMaskSide < 1 || maxRawAnswerChars < 0 || maxAnswerChars < 1 || maxMaskWork < 1) {
			throw new IllegalArgumentException("Spatial limits must be positive");
		}
	}

	public SpatialLimits(int maxItems, int maxMaskSide, int maxRawAnswerChars, int maxAnswerChars) {
		this(maxItems, maxMaskSide, maxRawAnswerChars, maxAnswerChars, DEFAULT_MAX_MASK_WORK);
	}

	public SpatialLimits(int maxItems, int maxMaskSide, int maxRawAnswerChars) {
		this(maxItems, maxMaskSide, maxRawAnswerChars, DEFAULT_MAX_ANSWER_CHARS);
	}

	public static SpatialLimits defaults() {
		return new SpatialLimits(1000, 4096, 2000);
	}

	/** These limits with another cap on mask work. */
	public SpatialLimits withMaxMaskWork(long work) {
		return new SpatialLimits(this.maxItems, this.maxMaskSide, this.maxRawAnswerChars, this.maxAnswerChars, work);
	}

}
