package com.example.visiongateway.task;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SafetyPropertiesTests {

	@Test
	void sendsNothingWhenNothingIsConfigured() {
		assertThat(new SafetyProperties(null, null).forModel("gemini-3.8-flash")).isNull();
	}

	@Test
	void letsAModelOverrideTheGlobalSettingsCategoryByCategory() {
		var safety = new SafetyProperties(
				Map.of("HARM_CATEGORY_HARASSMENT", "BLOCK_ONLY_HIGH", "HARM_CATEGORY_HATE_SPEECH",
						"BLOCK_MEDIUM_AND_ABOVE"),
				Map.of("gemini-3.1-pro-preview", Map.of("HARM_CATEGORY_HARASSMENT", "BLOCK_NONE")));

		List<Map<String, String>> pro = safety.forModel("gemini-3.1-pro-preview");
		List<Map<String, String>> flash = safety.forModel("gemini-3.8-flash");

		assertThat(pro).containsExactlyInAnyOrder(
				Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_NONE"),
				Map.of("category", "HARM_CATEGORY_HATE_SPEECH", "threshold", "BLOCK_MEDIUM_AND_ABOVE"));
		assertThat(flash).contains(Map.of("category", "HARM_CATEGORY_HARASSMENT", "threshold", "BLOCK_ONLY_HIGH"));
	}

	@Test
	void refusesNamesThatAreNotGeminis() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SafetyProperties(Map.of("harassment", "BLOCK_NONE"), null))
			.withMessageContaining("vision.safety.settings");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SafetyProperties(null, Map.of("m", Map.of("HARM_CATEGORY_X", "block none"))))
			.withMessageContaining("vision.safety.models.m");
	}

}
