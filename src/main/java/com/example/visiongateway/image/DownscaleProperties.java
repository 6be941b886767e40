package com.example.visiongateway.image;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How {@link Downscaler} re-encodes what it shrinks (requests ask for it with
 * {@code maxDimension}).
 *
 * @param jpegQuality JPEG quality of a downscaled JPEG, 0.1 to 1.0
 */
@ConfigurationProperties("vision.downscale")
@Validated
public record DownscaleProperties(@DefaultValue("0.9") @DecimalMin("0.1") @DecimalMax("1.0") float jpegQuality) {

}
