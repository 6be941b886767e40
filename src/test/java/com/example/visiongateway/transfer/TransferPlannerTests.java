package com.example.visiongateway.transfer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import com.example.visiongateway.transfer.TransferPlanner.Candidate;
import org.junit.jupiter.api.Test;

import static com.example.visiongateway.transfer.Transfer.FILE_API;
import static com.example.visiongateway.transfer.Transfer.INLINE;
import static org.assertj.core.api.Assertions.assertThat;

class TransferPlannerTests {

	@Test
	void keepsEverythingInlineWhileTheBodyStaysUnderTheLimit() {
		var plan = TransferPlanner.plan(100, List.of(inline(400), inline(400)), 1000);

		assertThat(plan).containsExactly(INLINE, INLINE);
	}

	@Test
	void movesImagesWhenTheBodyWouldReachTheLimitExactly() {
		// 100 + 450 + 450 = 1000: not under 1000, so one must move.
		var plan = TransferPlanner.plan(100, List.of(inline(450), inline(450)), 1000);

		assertThat(plan).containsExactly(FILE_API, INLINE);
	}

	@Test
	void movesTheLargestFirstAndNoMoreThanNeeded() {
		var plan = TransferPlanner.plan(0, List.of(inline(300), inline(900), inline(500), inline(200)), 1000);

		// 1900 total: moving 900 leaves 1000 + 10, moving 500 too leaves 520.
		assertThat(plan).containsExactly(INLINE, FILE_API, FILE_API, INLINE);
	}

	@Test
	void countsStoredFilesAsFileReferences() {
		var plan = TransferPlanner.plan(0, List.of(new Candidate(0, 10, true), inline(500)), 1000);

		assertThat(plan).containsExactly(FILE_API, INLINE);
	}

	@Test
	void movesEverythingWhenNothingElseFits() {
		var plan = TransferPlanner.plan(995, List.of(inline(100), inline(100)), 1000);

		assertThat(plan).containsExactly(FILE_API, FILE_API);
	}

	@Test
	void plans3600ImagesKeepingTheResultUnderTheLimit() {
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < 3600; i++) {
			candidates.add(inline(1000 + (i * 7919L) % 20000));
		}
		Collections.shuffle(candidates, new Random(1));
		long limit = 20_000_000;

		var plan = TransferPlanner.plan(500, candidates, limit);

		long total = 500;
		long smallestMoved = Long.MAX_VALUE;
		long largestKept = 0;
		for (int i = 0; i < plan.size(); i++) {
			Candidate candidate = candidates.get(i);
			if (plan.get(i) == INLINE) {
				total += candidate.inlineLength();
				largestKept = Math.max(largestKept, candidate.inlineLength());
			}
			else {
				total += candidate.fileLength();
				smallestMoved = Math.min(smallestMoved, candidate.inlineLength());
			}
		}
		assertThat(total).isLessThan(limit);
		assertThat(smallestMoved).isGreaterThanOrEqualTo(largestKept);
	}

	private static Candidate inline(long length) {
		return new Candidate(length, 10, false);
	}

}
