package com.example.visiongateway.model;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelVersionsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final ModelVersions versions = new ModelVersions(this.registry);

	@Test
	void countsOnlyAnswersFromAnotherModel() {
		this.versions.answered("gemini-3.8-flash", "gemini-3.8-flash");
		this.versions.answered("gemini-3.8-flash", "models/gemini-3.8-flash-001");
		this.versions.answered("gemini-3.8-flash", null);
		assertThat(this.registry.find("vision.models.rerouted").counters()).isEmpty();

		this.versions.answered("gemini-2.5-flash", "gemini-3.8-flash");
		this.versions.answered("gemini-2.5-flash", "models/gemini-3.8-flash");
		Counter counter = this.registry.get("vision.models.rerouted")
			.tags("model", "gemini-2.5-flash", "answered", "gemini-3.8-flash")
			.counter();
		assertThat(counter.count()).isEqualTo(2);
	}

}
