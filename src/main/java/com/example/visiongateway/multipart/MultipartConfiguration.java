package com.example.visiongateway.multipart;

import com.example.visiongateway.image.ImageLimits;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/** Multipart requests are read by the gateway's own resolver; Boot's container-based one is switched off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MultipartProperties.class)
class MultipartConfiguration {

	@Bean(DispatcherServlet.MULTIPART_RESOLVER_BEAN_NAME)
	StreamingMultipartResolver multipartResolver(MultipartProperties properties, ImageLimits limits,
			MeterRegistry meters) {
		MultipartLimits multipartLimits = new MultipartLimits(properties.maxParts(),
				(int) properties.maxPartHeaderSize().toBytes(), properties.maxTextPartSize().toBytes(),
				properties.maxTextSize().toBytes(), limits.maxImageSize().toBytes(), limits.maxRequestSize().toBytes(),
				(int) properties.inMemoryPartSize().toBytes());
		MemoryBudget budget = new MemoryBudget(properties.inMemoryBudgetBytes());
		Gauge.builder("vision.multipart.heap", budget, MemoryBudget::used)
			.description("Bytes of uploaded parts held on the heap now (at most vision.multipart.in-memory-budget)")
			.baseUnit("bytes")
			.register(meters);
		return new StreamingMultipartResolver(multipartLimits, budget);
	}

	@Bean
	MultipartCleanupListener multipartCleanupListener() {
		return new MultipartCleanupListener();
	}

}
