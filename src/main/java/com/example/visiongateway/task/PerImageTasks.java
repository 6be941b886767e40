package com.example.visiongateway.task;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Makes the per-image task definitions the controllers hand to {@link VisionService}. */
@Component
public class PerImageTasks {

	private final JsonMapper json;

	public PerImageTasks(JsonMapper json) {
		this.json = json;
	}

	public PerImageTask caption(String prompt) {
		return new CaptionTask(prompt);
	}

	public PerImageTask classify(List<String> labels, boolean multiLabel) {
		return new ClassifyTask(labels, multiLabel, this.json);
	}

}
