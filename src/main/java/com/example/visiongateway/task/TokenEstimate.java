package com.example.visiongateway.task;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Input tokens of one image as it is sent.
 *
 * @param estimated Gemini's published arithmetic; null when the image's size is unknown
 * @param tiles only where the model tiles images
 * @param counted Gemini's own count ({@code exact=true}), else null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenEstimate(Integer estimated, Integer tiles, Integer counted) {

}
