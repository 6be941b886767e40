package com.example.visiongateway.image;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * What one request may carry. The image count can be lowered, never raised above Gemini's
 * 3,600.
 *
 * @param maxImagesPerRequest images per request, all sources together
 * @param maxImageSize bytes of one image
 * @param maxRequestSize bytes of the whole multipart request
 * @param maxPixels pixel count of one image (decompression-bomb guard, checked from the
 * header)
 * @param maxTextLength characters of a prompt, question, system instruction or object
 * list
 * @param maxLabels labels a classify request may offer
 * @param maxLabelLength characters of one label
 * @param maxDrawPixels pixel count of an image the gateway decodes to draw on (annotated
 * pictures)
 */
@ConfigurationProperties("vision.limits")
@Validated
public record ImageLimits(@DefaultValue("3600") @Min(1) @Max(3600) int maxImagesPerRequest,
		@DefaultValue("64MB") @NotNull DataSize maxImageSize, @DefaultValue("1GB") @NotNull DataSize maxRequestSize,
		@DefaultValue("100000000") @Min(1) long maxPixels, @DefaultValue("8000") @Min(1) int maxTextLength,
		@DefaultValue("200") @Min(2) int maxLabels, @DefaultValue("200") @Min(1) int maxLabelLength,
		@DefaultValue("50000000") @Min(1) long maxDrawPixels) {

}
