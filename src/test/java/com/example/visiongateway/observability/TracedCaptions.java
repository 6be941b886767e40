package com.example.visiongateway.observability;

import java.util.List;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import com.example.visiongateway.support.TestImages;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.annotation.Autowired;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** A caption sent inside a caller's W3C trace, and the calls it made to Gemini. */
abstract class TracedCaptions extends GatewayIntegrationTest {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String CALLERS_SPAN = "00f067aa0ba902b7";

	@Autowired
	Tracer tracer;

	Reply tracedCaption() {
		return this.gateway.withHeader("traceparent", "00-" + TRACE_ID + "-" + CALLERS_SPAN + "-01")
			.post("/v1/vision/caption", parts().image("chelsea.png", TestImages.fixture("chelsea.png"), "image/png"));
	}

	static List<LoggedRequest> geminiCalls() {
		return stub.server().findAll(postRequestedFor(urlPathMatching("/v1beta/models/[^/]+:generateContent")));
	}

}
