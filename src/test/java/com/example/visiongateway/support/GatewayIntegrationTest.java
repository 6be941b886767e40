package com.example.visiongateway.support;

import com.example.visiongateway.gemini.CoolDowns;
import com.example.visiongateway.stub.GeminiStub;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a random port, talking to the project's Gemini stub over
 * loopback. The stub is shared by the tests of a class and reset before each.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

	/** A key that must never show up in an answer or a log line. */
	public static final String GEMINI_KEY = "test-gemini-key-5ee7c0de";

	protected static final GeminiStub stub = GeminiStub.start();

	@LocalServerPort
	private int port;

	protected GatewayClient gateway;

	@DynamicPropertySource
	static void gemini(DynamicPropertyRegistry registry) {
		registry.add("vision.gemini.base-url", stub::baseUrl);
		registry.add("vision.gemini.api-key", () -> GEMINI_KEY);
		// Failure tests stay quick: three attempts in all, short backoffs
		registry.add("vision.gemini.retry.max-attempts", () -> "3");
		registry.add("vision.gemini.retry.initial-backoff", () -> "20ms");
		registry.add("vision.gemini.retry.max-backoff", () -> "100ms");
		// A retry delay beyond this (the stub's 429s can ask for 120 s) is answered at
		// once with 429 and Retry-After
		registry.add("vision.gemini.deadline", () -> "30s");
		// Tests fail Gemini on purpose and a breaker opened by one would fail the next,
		// so it is off unless a
		// subclass sets test.gemini.circuit-breaker (a subclass cannot override the keys
		// set here)
		registry.add("vision.gemini.circuit-breaker.enabled", () -> "${test.gemini.circuit-breaker:false}");
	}

	@Autowired
	private CoolDowns coolDowns;

	@BeforeEach
	void connect() {
		stub.reset();
		// A 429 one test provoked must not pause the model for the next
		this.coolDowns.clear();
		this.gateway = new GatewayClient(this.port);
	}

	/** Ends the pause a provoked 429's {@code retryDelay} put on its model. */
	protected void clearCoolDowns() {
		this.coolDowns.clear();
	}

	/** The gateway's port, for raw requests a {@link GatewayClient} cannot make. */
	protected int port() {
		return this.port;
	}

}
