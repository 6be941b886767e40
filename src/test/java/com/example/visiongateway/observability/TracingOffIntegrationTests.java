package com.example.visiongateway.observability;

import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * While traces are not exported (the default), tracing costs nothing: no span is made and
 * no trace header goes to Gemini.
 */
class TracingOffIntegrationTests extends TracedCaptions {

	@Test
	void makesNoSpansAndSendsNoTraceToGemini() {
		assertThat(tracedCaption().status()).isEqualTo(200);

		assertThat(this.tracer).isSameAs(Tracer.NOOP);
		assertThat(geminiCalls()).singleElement()
			.satisfies((call) -> assertThat(call.containsHeader("traceparent")).isFalse());
	}

}
