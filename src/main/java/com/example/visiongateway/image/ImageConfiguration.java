package com.example.visiongateway.image;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.BudgetProperties;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one decoder every full decode goes through, charged to the decode budget. */
@Configuration(proxyBeanMethods = false)
class ImageConfiguration {

	@Bean
	PixelDecoder pixelDecoder(ImageLimits limits, @Qualifier(BudgetConfiguration.DECODE) Budget decode,
			BudgetProperties budgets) {
		return new PixelDecoder(limits.maxPixels(), decode, budgets.maxWait());
	}

}
