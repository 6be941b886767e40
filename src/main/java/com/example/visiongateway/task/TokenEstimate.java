package com.example.visiongateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Estimated input tokens of one image; {@code tiles} only where the model tiles images. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenEstimate(int estimated, Integer tiles) {

}
