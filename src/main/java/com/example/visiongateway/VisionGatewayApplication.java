package com.example.visiongateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class VisionGatewayApplication {

	public static void main(String[] args) {
		SpringApplication.run(VisionGatewayApplication.class, args);
	}

}
