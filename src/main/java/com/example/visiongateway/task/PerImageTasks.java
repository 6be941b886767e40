package com.example.visiongateway.task;

import java.util.List;

import com.example.visiongateway.spatial.MaskFormat;
import com.example.visiongateway.spatial.SpatialPostProcessor;
import com.example.visiongateway.spatial.SpatialProperties;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/** Makes the per-image task definitions the controllers hand to {@link VisionService}. */
@Component
public class PerImageTasks {

	private final JsonMapper json;

	private final SpatialPostProcessor spatial;

	public PerImageTasks(JsonMapper json, SpatialProperties spatial) {
		this.json = json;
		this.spatial = new SpatialPostProcessor(spatial.limits());
	}

	public PerImageTask detect(String objects) {
		return new SpatialTask(false, objects, SpatialTask.DEFAULT_THRESHOLD, MaskFormat.RLE, this.spatial);
	}

	public PerImageTask segment(String objects, Integer threshold, MaskFormat maskFormat) {
		return new SpatialTask(true, objects, (threshold != null) ? threshold : SpatialTask.DEFAULT_THRESHOLD,
				maskFormat, this.spatial);
	}

	public PerImageTask caption(String prompt) {
		return new CaptionTask(prompt);
	}

	public PerImageTask classify(List<String> labels, boolean multiLabel) {
		return new ClassifyTask(labels, multiLabel, this.json);
	}

}
