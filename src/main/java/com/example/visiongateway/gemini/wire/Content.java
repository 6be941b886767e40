package com.example.visiongateway.gemini.wire;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

@JsonIgnoreProperties(ignoreUnknown = true)
public record Content(String role, List<Part> parts) {

	static final Content EMPTY = new Content(null, List.of());

	public Content {
		parts = (parts != null) ? List.copyOf(parts) : List.of();
	}

}
