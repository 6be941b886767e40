package com.example.visiongateway.gemini.wire;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Google's error answer: {@code {"error":{"code","message","status","details"}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GoogleErrorBody(GoogleError error) {

}
