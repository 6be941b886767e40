package com.example.visiongateway.task;

import java.util.Map;

import com.example.visiongateway.model.ModelCatalog.Model;

/** What one per-image task asks the model, and how it reads the answer into a result. */
public interface PerImageTask {

	/** The task's name as metrics and logs know it. */
	String name();

	/**
	 * The instruction sent after the image, in the words the model's settings call for.
	 */
	String prompt(Model model);

	/** Refuses a model that cannot do the task, before anything is sent. */
	default void check(Model model) {
	}

	/** Refuses an image the task cannot handle, before anything is sent. */
	default void check(InputImage image) {
	}

	/**
	 * The caller's choices that shape this task's answer, by part name, as the task uses
	 * them (defaults applied): part of the result cache's key.
	 */
	Map<String, Object> parameters();

	/** Task settings layered over the model's own generation settings. */
	Map<String, Object> generationConfig(Model model);

	/** The result for one image from the model's answer. */
	ImageOutcome read(ModelAnswer answer, Model model, InputImage image, ImageDescriptor descriptor, Usage usage);

	/**
	 * True when {@link #read} is real work (decoding masks), which must not hold up a
	 * network thread.
	 */
	default boolean heavyRead() {
		return false;
	}

}
