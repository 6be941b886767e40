package com.example.visiongateway.observability;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once traces are exported, the call to Gemini continues the caller's trace: the same
 * trace id, with the gateway's own span as the parent.
 */
@TestPropertySource(properties = "management.tracing.export.enabled=true")
class TracePropagationIntegrationTests extends TracedCaptions {

	@Test
	void continuesTheCallersTraceInTheCallToGemini() {
		assertThat(tracedCaption().status()).isEqualTo(200);

		assertThat(this.tracer).isNotSameAs(Tracer.NOOP);
		assertThat(geminiCalls()).singleElement()
			.satisfies((call) -> assertThat(call.getHeader("traceparent")).startsWith("00-" + TRACE_ID + "-")
				.doesNotContain(CALLERS_SPAN));
	}

}
