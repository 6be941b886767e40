package com.example.visiongateway.spatial;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much work the gateway spends on one detect or segment answer.
 *
 * @param maxMaskWork mask work one answer may cost: per mask, its own pixels, its box's
 * width times the mask's height and times the box's height, and a few bytes per box and
 * mask side (see {@link SpatialLimits#maxMaskWork()}). Masks past it are dropped with a
 * warning and the box is kept. The default fits one whole-image mask at the 100-megapixel
 * limit
 */
@ConfigurationProperties("vision.spatial")
@Validated
public record SpatialProperties(@DefaultValue("200000000") @Min(1) long maxMaskWork) {

	/** The default limits with this configuration's cap on mask work. */
	public SpatialLimits limits() {
		return SpatialLimits.defaults().withMaxMaskWork(this.maxMaskWork);
	}

}
