package com.example.visiongateway.transfer;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.example.visiongateway.gemini.GenerateContentBody;
import com.example.visiongateway.gemini.GenerateContentRequest;
import com.example.visiongateway.gemini.RequestPart.FileImagePart;
import com.example.visiongateway.gemini.RequestPart.InlineImagePart;
import com.example.visiongateway.io.ByteSource;

/**
 * Decides which images of one generateContent body travel inline. Pure arithmetic over
 * the exact encoded part lengths, so the decision is made before a single byte is read or
 * sent.
 */
public final class TransferPlanner {

	/**
	 * A file URI is at most this long; planning counts file parts at this bound before
	 * the real URI exists.
	 */
	private static final String LONGEST_FILE_URI = "https://generativelanguage.googleapis.com/v1alpha/files/"
			+ "x".repeat(40) + "?" + "x".repeat(100);

	/** Sizes only: planning never reads an image. */
	private static final ByteSource NO_BYTES = new ByteSource() {

		@Override
		public long size() {
			return 0;
		}

		@Override
		public InputStream openStream() {
			return InputStream.nullInputStream();
		}

	};

	private TransferPlanner() {
	}

	/**
	 * One image of a request as planning needs it: its type, and its size when the
	 * gateway holds its bytes.
	 *
	 * @param mimeType the type its part names
	 * @param size bytes to send inline; ignored for a stored file
	 * @param stored already in the Files API
	 */
	public record Image(String mimeType, long size, boolean stored) {

		public static Image held(String mimeType, long size) {
			return new Image(mimeType, size, false);
		}

		public static Image stored(String mimeType) {
			return new Image(mimeType, 0, true);
		}

	}

	/**
	 * Plans one generateContent body: the exact lengths each image's inline or file part
	 * adds, laid out once per MIME type, then {@link #plan(long, List, long)}.
	 * @param withoutImages the request with its text and settings, no image part
	 * @param images the images in request order
	 * @param limit the body must stay strictly under this many bytes
	 * @return one transfer per image, in the same order
	 */
	public static List<Transfer> plan(GenerateContentRequest withoutImages, List<Image> images, long limit) {
		long fixed = GenerateContentBody.contentLength(withoutImages);
		Map<String, long[]> around = new HashMap<>();
		List<Candidate> candidates = new ArrayList<>(images.size());
		for (Image image : images) {
			// One comma each, separating the part from the next
			long[] lengths = around.computeIfAbsent(image.mimeType(),
					(mime) -> new long[] { GenerateContentBody.partLength(new InlineImagePart(NO_BYTES, mime)) + 1,
							GenerateContentBody.partLength(new FileImagePart(LONGEST_FILE_URI, mime)) + 1 });
			candidates.add(image.stored() ? new Candidate(0, lengths[1], true)
					: new Candidate(lengths[0] + GenerateContentBody.base64Length(image.size()), lengths[1], false));
		}
		return plan(fixed, candidates, limit);
	}

	/**
	 * One image as the planner sees it.
	 *
	 * @param inlineLength bytes its inline part adds to the body (base64 and JSON around
	 * it)
	 * @param fileLength bytes its file-reference part adds (an upper bound: the URI is
	 * not known yet)
	 * @param mustUseFile already in the Files API (a {@code fileIds} entry), or has no
	 * bytes here
	 */
	public record Candidate(long inlineLength, long fileLength, boolean mustUseFile) {
	}

	/**
	 * Keeps every image inline while the body stays under {@code limit}; otherwise moves
	 * the largest images to the Files API, one at a time, until it fits. Moving the
	 * largest first frees the most bytes per upload.
	 * @param fixedLength the body's length without any image part (text, configuration,
	 * JSON envelope)
	 * @param candidates the images in request order
	 * @param limit the body must stay strictly under this many bytes
	 * @return one transfer per candidate, in the same order
	 */
	public static List<Transfer> plan(long fixedLength, List<Candidate> candidates, long limit) {
		List<Transfer> plan = new ArrayList<>(candidates.size());
		long total = fixedLength;
		for (Candidate candidate : candidates) {
			plan.add(candidate.mustUseFile() ? Transfer.FILE_API : Transfer.INLINE);
			total += candidate.mustUseFile() ? candidate.fileLength() : candidate.inlineLength();
		}
		if (total < limit) {
			return plan;
		}
		int[] largestFirst = IntStream.range(0, candidates.size())
			.filter((i) -> plan.get(i) == Transfer.INLINE)
			.boxed()
			.sorted(Comparator.comparingLong((Integer i) -> candidates.get(i).inlineLength()).reversed())
			.mapToInt(Integer::intValue)
			.toArray();
		for (int i : largestFirst) {
			if (total < limit) {
				break;
			}
			Candidate candidate = candidates.get(i);
			plan.set(i, Transfer.FILE_API);
			total += candidate.fileLength() - candidate.inlineLength();
		}
		return plan;
	}

}
