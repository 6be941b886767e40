package com.example.visiongateway.model;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Notices when Gemini answers a request with another model than the one named, as Google
 * does for retired names routed to their successors. A {@code modelVersion} that starts
 * with the requested name ({@code gemini-3.8-flash-001}) is the same model; anything else
 * is counted in {@code vision.models.rerouted} and logged at WARN once per pair.
 */
@Component
public class ModelVersions {

	private static final Logger logger = LoggerFactory.getLogger(ModelVersions.class);

	private static final String PREFIX = "models/";

	private final MeterRegistry registry;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	ModelVersions(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Record one answer.
	 * @param requested the model the gateway called
	 * @param modelVersion the answer's {@code modelVersion}, possibly {@code null}
	 */
	public void answered(String requested, String modelVersion) {
		if (modelVersion == null || modelVersion.isBlank()) {
			return;
		}
		String answered = modelVersion.startsWith(PREFIX) ? modelVersion.substring(PREFIX.length()) : modelVersion;
		if (answered.startsWith(requested)) {
			return;
		}
		Counter.builder("vision.models.rerouted")
			.description("Answers from another model than the one called (Gemini routed a retired name)")
			.tag("model", requested)
			.tag("answered", answered)
			.register(this.registry)
			.increment();
		if (this.logged.add(requested + " " + answered)) {
			logger.warn("Gemini answered a call to {} with {}: the name is routed to another model; "
					+ "update vision.gemini.models (docs/models.md)", requested, answered);
		}
	}

}
