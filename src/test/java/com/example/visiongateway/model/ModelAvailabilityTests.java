package com.example.visiongateway.model;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import com.example.visiongateway.gemini.GeminiClient;
import com.example.visiongateway.gemini.GeminiProperties;
import com.example.visiongateway.gemini.GeminiResilience;
import com.example.visiongateway.gemini.GeminiResilienceProperties;
import com.example.visiongateway.gemini.GeminiResilienceProperties.CircuitBreaker;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Jitter;
import com.example.visiongateway.gemini.GeminiResilienceProperties.Retry;
import com.example.visiongateway.gemini.MemoryCoolDowns;
import com.example.visiongateway.gemini.ModelGate;
import com.example.visiongateway.gemini.ModelSettings;
import com.example.visiongateway.gemini.ProviderBudgetProperties;
import com.example.visiongateway.state.MemoryBuckets;
import com.example.visiongateway.stub.GeminiStub;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** The model check's edge cases against the project's stub. */
class ModelAvailabilityTests {

	private static GeminiStub stub;

	private GeminiClient client;

	@BeforeAll
	static void startStub() {
		stub = GeminiStub.start();
	}

	@AfterAll
	static void stopStub() {
		stub.close();
	}

	@AfterEach
	void reset() {
		stub.reset();
		if (this.client != null) {
			this.client.close();
		}
	}

	@Test
	void anEmptyListIsNoNewsAndAModelListedAgainComesBack() {
		ModelAvailability availability = availability(100, 50);
		stub.retire("gemini-3.5-flash-lite");
		assertThat(availability.check()).isTrue();
		assertThat(availability.unavailable()).containsExactly("gemini-3.5-flash-lite");
		assertThat(availability.availableModels()).containsExactly("gemini-3.8-flash");

		stub.server().stubFor(get(urlPathEqualTo("/v1beta/models")).atPriority(1).willReturn(okJson("{}")));
		assertThat(availability.check()).isFalse();
		assertThat(availability.unavailable()).containsExactly("gemini-3.5-flash-lite");

		stub.reset();
		assertThat(availability.check()).isTrue();
		assertThat(availability.unavailable()).isEmpty();
	}

	@Test
	void aListLongerThanThePageCapIsAFailedCheck() {
		ModelAvailability availability = availability(1, 2);
		stub.retire("gemini-3.5-flash-lite");
		assertThat(availability.check()).isFalse();
		assertThat(availability.unavailable()).isEmpty();
		assertThat(stub.modelsListRequests()).isEqualTo(2);
	}

	private ModelAvailability availability(int pageSize, int maxPages) {
		GeminiProperties properties = new GeminiProperties(URI.create(stub.baseUrl()), "v1beta", "test-key", false,
				"gemini-3.8-flash",
				Map.of("gemini-3.8-flash", ModelSettings.defaults(), "gemini-3.5-flash-lite", ModelSettings.defaults()),
				Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMillis(50),
				DataSize.ofKilobytes(64), DataSize.ofMegabytes(16));
		GeminiResilienceProperties resilience = new GeminiResilienceProperties(Duration.ofSeconds(10), 8, 8,
				new Retry(1, Duration.ofMillis(10), Duration.ofMillis(10), 2, Jitter.NONE),
				new CircuitBreaker(false, 50, 20, Duration.ofSeconds(60), Duration.ofSeconds(30), 5));
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		this.client = new GeminiClient(WebClient.builder(), properties, JsonMapper.shared(),
				new GeminiResilience(resilience, meters,
						GeminiResilience.circuitBreakers(resilience, Clock.systemUTC()),
						new ModelGate(properties, new ProviderBudgetProperties(Duration.ZERO),
								new MemoryBuckets(10, Duration.ofMinutes(1), Clock.systemUTC()), new MemoryCoolDowns(),
								meters)));
		return new ModelAvailability(this.client, properties,
				new ModelCheckProperties(true, Duration.ofHours(1), pageSize, maxPages, Duration.ZERO), meters);
	}

}
