package com.example.visiongateway.observability;

import java.net.URI;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;

import static org.assertj.core.api.Assertions.assertThat;

class GeminiObservationFilterTests {

	private static final URI GEMINI = URI.create("http://127.0.0.1:9999");

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final AtomicReference<ClientRequest> sent = new AtomicReference<>();

	GeminiObservationFilterTests() {
		this.registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		// What a tracer's propagating handler does: writes the trace into the carrier
		this.registry.observationConfig().observationHandler(new ObservationHandler<SenderContext<Object>>() {
			@Override
			public void onStart(SenderContext<Object> context) {
				context.getSetter().set(context.getCarrier(), "traceparent", "00-trace-span-01");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof SenderContext;
			}
		});
	}

	@Test
	void timesAGeminiExchangeAndSendsTheTraceHeaders() {
		ClientResponse response = exchange(GEMINI + "/v1beta/models/gemini-3.8-flash:generateContent");

		assertThat(response.statusCode().value()).isEqualTo(200);
		assertThat(this.sent.get().headers().getFirst("traceparent")).isEqualTo("00-trace-span-01");
		assertThat(this.sent.get().headers().getFirst("x-goog-api-client")).isEqualTo("vision-gateway");
		assertThat(this.meters.get(GeminiObservationFilter.NAME)
			.tag("operation", "generate")
			.tag("status", "200")
			.timer()
			.count()).isOne();
	}

	@Test
	void leavesOtherHostsAlone() {
		exchange("http://images.example/cat.png");

		assertThat(this.sent.get().headers().containsHeader("traceparent")).isFalse();
		assertThat(this.meters.find(GeminiObservationFilter.NAME).timer()).isNull();
	}

	private ClientResponse exchange(String url) {
		ClientRequest request = ClientRequest.create(HttpMethod.POST, URI.create(url))
			.header("x-goog-api-client", "vision-gateway")
			.build();
		return new GeminiObservationFilter(this.registry, GEMINI).filter(request, (outgoing) -> {
			this.sent.set(outgoing);
			return Mono.just(ClientResponse.create(HttpStatus.OK).build());
		}).block();
	}

}
