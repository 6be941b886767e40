package com.example.visiongateway.transfer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Decides which images of one generateContent body travel inline. Pure arithmetic over
 * the exact encoded part lengths, so the decision is made before a single byte is read or
 * sent.
 */
public final class TransferPlanner {

	private TransferPlanner() {
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
