package com.example.visiongateway.support;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/** The application's clock replaced by a {@link MovableClock#running() running} one. */
@TestConfiguration(proxyBeanMethods = false)
public class MovableClockConfiguration {

	@Bean
	@Primary
	MovableClock movableClock() {
		return MovableClock.running();
	}

}
