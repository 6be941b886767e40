package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A page of files; {@code nextPageToken} is absent on the last page. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileList(List<GeminiFile> files, String nextPageToken) {

	public FileList {
		files = (files != null) ? List.copyOf(files) : List.of();
	}

}
