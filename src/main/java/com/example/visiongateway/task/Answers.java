package com.example.visiongateway.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.gemini.wire.Candidate;
import com.example.visiongateway.gemini.wire.GenerateContentResponse;
import com.example.visiongateway.gemini.wire.SafetyRating;

/** Reads the text out of a generateContent answer, or says why there is none. */
final class Answers {

	/** Finish reasons that mean the model refused, as opposed to failing. */
	private static final Set<String> BLOCKING_FINISH_REASONS = Set.of("SAFETY", "RECITATION", "PROHIBITED_CONTENT",
			"BLOCKLIST", "SPII", "IMAGE_SAFETY", "LANGUAGE");

	private Answers() {
	}

	/**
	 * The answer's text and finish reason; a block or an empty answer is an
	 * {@link AnswerException}.
	 */
	static ModelAnswer read(GenerateContentResponse response) {
		var feedback = response.promptFeedback();
		if (feedback != null && feedback.blockReason() != null) {
			throw blocked("The prompt was blocked by Gemini (" + feedback.blockReason() + ").", feedback.blockReason(),
					feedback.safetyRatings());
		}
		List<Candidate> candidates = response.candidates();
		if (candidates == null || candidates.isEmpty()) {
			throw new AnswerException(ErrorCode.UPSTREAM_ERROR, "Gemini answered without any candidate.", Map.of());
		}
		Candidate candidate = candidates.get(0);
		String finishReason = candidate.finishReason();
		if (finishReason != null && BLOCKING_FINISH_REASONS.contains(finishReason)) {
			throw blocked("Gemini stopped the answer (" + finishReason + ").", finishReason, candidate.safetyRatings());
		}
		String text = response.text();
		if (text == null || text.isBlank()) {
			String why = "MAX_TOKENS".equals(finishReason)
					? "Gemini ran out of output tokens (MAX_TOKENS) before writing any answer."
					: "Gemini's answer has no text (finish reason " + finishReason + ").";
			throw new AnswerException(ErrorCode.UPSTREAM_ERROR, why,
					Map.of("finishReason", String.valueOf(finishReason)));
		}
		return new ModelAnswer(text, finishReason);
	}

	private static AnswerException blocked(String detail, String reason, List<SafetyRating> ratings) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("reason", reason);
		if (ratings != null) {
			ratings.stream()
				.filter((rating) -> Boolean.TRUE.equals(rating.blocked()))
				.findFirst()
				.ifPresent((rating) -> properties.put("category", rating.category()));
		}
		return new AnswerException(ErrorCode.CONTENT_BLOCKED, detail, properties);
	}

}
