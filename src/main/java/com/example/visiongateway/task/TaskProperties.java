package com.example.visiongateway.task;

import java.util.Map;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tasks run.
 *
 * @param concurrency Gemini calls one request runs at once when it fans out one call per
 * image
 * @param fetchConcurrency image URLs fetched (and stored files looked up) at once for one
 * request
 * @param downscaleConcurrency images one request decodes and shrinks at once (each holds
 * its pixels in memory)
 * @param maxDimension per task ({@code caption}, {@code segment} …), the
 * {@code maxDimension} used when a request gives none; empty by default, so nothing is
 * downscaled unless asked
 */
@ConfigurationProperties("vision.tasks")
@Validated
public record TaskProperties(@DefaultValue("8") @Min(1) int concurrency,
		@DefaultValue("4") @Min(1) int fetchConcurrency, @DefaultValue("2") @Min(1) int downscaleConcurrency,
		Map<String, @Min(1) Integer> maxDimension) {

	public TaskProperties {
		maxDimension = (maxDimension != null) ? Map.copyOf(maxDimension) : Map.of();
	}

}
