package com.example.visiongateway.task;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How tasks run.
 *
 * @param concurrency Gemini calls one request runs at once when it fans out one call per image
 */
@ConfigurationProperties("vision.tasks")
@Validated
public record TaskProperties(@DefaultValue("8") @Min(1) int concurrency) {

}
