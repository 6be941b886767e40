package com.example.visiongateway.multipart;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.budget.BudgetProperties;
import com.example.visiongateway.image.ImageLimits;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Multipart requests are read by the gateway's own resolver; Boot's container-based one
 * is switched off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MultipartProperties.class)
class MultipartConfiguration {

	@Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
	StreamingMultipartResolver multipartResolver(MultipartProperties properties, ImageLimits limits,
			@Qualifier(BudgetConfiguration.HEAP) Budget heap, @Qualifier(BudgetConfiguration.DISK) Budget disk,
			BudgetProperties budget,
			@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers) {
		MultipartLimits multipartLimits = new MultipartLimits(properties.maxParts(),
				(int) properties.maxPartHeaderSize().toBytes(), properties.maxTextPartSize().toBytes(),
				properties.maxTextSize().toBytes(), limits.maxImageSize().toBytes(), limits.maxRequestSize().toBytes(),
				(int) properties.inMemoryPartSize().toBytes());
		BodyBudgets budgets = new BodyBudgets(heap, disk, budget.maxWait(),
				new Budget("heap-parts", properties.inMemoryBudgetBytes()));
		return new StreamingMultipartResolver(multipartLimits, budgets, properties.bodyTimeout(),
				new MultipartEndpoints(handlers));
	}

	@Bean
	MultipartCleanupListener multipartCleanupListener() {
		return new MultipartCleanupListener();
	}

}
