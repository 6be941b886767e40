package com.example.visiongateway.transfer;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The file registry: in this process's memory. */
@Configuration(proxyBeanMethods = false)
class TransferConfiguration {

	@Bean
	FileRegistry fileRegistry(TransferProperties properties, Clock clock) {
		return new MemoryFileRegistry(properties.maxRememberedFiles(), properties.reuseMargin(), clock);
	}

}
