package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A page of {@code models.list}; {@code nextPageToken} is absent on the last page.
 *
 * @param models the models on this page
 * @param nextPageToken where the next page starts
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelList(List<Model> models, String nextPageToken) {

	public ModelList {
		models = (models != null) ? List.copyOf(models) : List.of();
	}

	/**
	 * One model as listed.
	 *
	 * @param name {@code models/…}
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	public record Model(String name) {
	}

}
