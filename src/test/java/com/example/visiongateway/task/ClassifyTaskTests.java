package com.example.visiongateway.task;

import java.util.List;

import com.example.visiongateway.error.ErrorCode;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ClassifyTaskTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ClassifyTask single = new ClassifyTask(List.of("Cat", "dog", "coffee cup"), false, JSON);

	private final ClassifyTask multi = new ClassifyTask(List.of("Cat", "dog", "coffee cup"), true, JSON);

	@Test
	void readsAJsonStringAnswerAndKeepsTheCallersSpelling() {
		assertThat(this.single.chosenLabels("\"cat\"")).containsExactly("Cat");
	}

	@Test
	void readsAJsonArrayForMultiLabel() {
		assertThat(this.multi.chosenLabels("[\"dog\", \"coffee cup\", \"unicorn\"]")).containsExactly("dog",
				"coffee cup");
	}

	@Test
	void keepsOnlyTheFirstLabelForSingleLabel() {
		assertThat(this.single.chosenLabels("[\"dog\", \"Cat\"]")).containsExactly("dog");
	}

	@Test
	void readsFencedAndProseAnswers() {
		assertThat(this.single.chosenLabels("```json\n\"dog\"\n```")).containsExactly("dog");
		assertThat(this.multi.chosenLabels("Cat, coffee cup.")).containsExactly("Cat", "coffee cup");
	}

	@Test
	void refusesAnAnswerNamingNoLabel() {
		assertThatExceptionOfType(AnswerException.class).isThrownBy(() -> this.single.chosenLabels("\"unicorn\""))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.UPSTREAM_ERROR);
				assertThat(ex.properties().get("rawAnswer")).isEqualTo("\"unicorn\"");
			});
	}

}
