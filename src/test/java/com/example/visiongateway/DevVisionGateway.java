package com.example.visiongateway;

import java.util.Arrays;
import java.util.stream.Stream;

import com.example.visiongateway.stub.GeminiStub;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringApplication;

/**
 * The service for a developer's machine ({@code ./mvnw spring-boot:test-run}): with
 * {@code GEMINI_API_KEY} set it talks to Google; without it, it starts the built-in
 * Gemini stub and says so loudly. The deployed jar has no stub and refuses to start
 * without a key.
 */
public final class DevVisionGateway {

	private static final Logger log = LoggerFactory.getLogger(DevVisionGateway.class);

	private DevVisionGateway() {
	}

	public static void main(String[] args) {
		String key = System.getenv("GEMINI_API_KEY");
		if (key != null && !key.isBlank()) {
			log.info("GEMINI_API_KEY is set: vision-gateway talks to Google Gemini.");
			VisionGatewayApplication.main(args);
			return;
		}
		GeminiStub stub = GeminiStub.start(0, false);
		Runtime.getRuntime().addShutdownHook(new Thread(stub::close, "gemini-stub-shutdown"));
		log.warn("*** GEMINI_API_KEY is not set: answers come from the built-in Gemini STUB at {} and are marked "
				+ "[stub]. Set GEMINI_API_KEY to talk to Google. ***", stub.baseUrl());
		String[] stubArgs = Stream
			.concat(Arrays.stream(args),
					Stream.of("--vision.gemini.base-url=" + stub.baseUrl(), "--vision.gemini.stub=true"))
			.toArray(String[]::new);
		SpringApplication.from(VisionGatewayApplication::main).run(stubArgs);
	}

}
