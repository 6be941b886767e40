package com.example.visiongateway.gemini.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The {@code {"file":{…}}} wrapper of an upload's final answer. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FileEnvelope(GeminiFile file) {

}
