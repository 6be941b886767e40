package com.example.visiongateway.config;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Infrastructure beans the features share. */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
