package com.example.visiongateway.api;

import java.nio.charset.StandardCharsets;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.web.filter.FormContentFilter;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that match no endpoint, or match one in the wrong way, over HTTP: each is a
 * problem with its own code, never Spring's or the container's default error body.
 */
@ExtendWith(OutputCaptureExtension.class)
class RoutingErrorsIntegrationTests extends GatewayIntegrationTest {

	@Test
	void answersAnUnknownPathWithNotFound() {
		for (String path : new String[] { "/no/such/path", "/v1/vision/nope", "/actuator/nope", "/v1" }) {
			Reply reply = this.gateway.get(path);

			assertProblem(reply, 404, "NOT_FOUND");
			assertThat(reply.json().get("title").asString()).isEqualTo("Not found");
		}
		assertProblem(this.gateway.post("/v1/vision/nope", parts().field("prompt", "x")), 404, "NOT_FOUND");
		// The container's error page is not an endpoint either
		assertProblem(this.gateway.get("/error"), 404, "NOT_FOUND");
	}

	@Test
	void answersAWrongMethodWithMethodNotAllowedAndTheAllowedOnes() {
		Reply get = this.gateway.get("/v1/vision/caption");
		Reply delete = this.gateway.delete("/v1/files");

		assertProblem(get, 405, "METHOD_NOT_ALLOWED");
		assertThat(get.headers().getAllow()).extracting(Object::toString).containsExactly("POST");
		assertProblem(delete, 405, "METHOD_NOT_ALLOWED");
		assertThat(delete.headers().getAllow()).extracting(Object::toString).containsExactlyInAnyOrder("GET", "POST");
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void answersAnUnknownMediaTypeWithUnsupportedMediaType() {
		for (String type : new String[] { "application/x-vision-gateway-unknown", "text/plain", "foo/bar" }) {
			Reply reply = this.gateway.postRaw("/v1/vision/caption", type, "x".getBytes(StandardCharsets.US_ASCII));

			assertProblem(reply, 415, "UNSUPPORTED_MEDIA_TYPE");
		}
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void answersParametersOverTheContainersLimitWithBadRequest(CapturedOutput output) {
		Reply reply = this.gateway.get("/v1/files?" + "a=1&".repeat(1100) + "pageSize=5");

		assertProblem(reply, 400, "BAD_REQUEST");
		assertThat(reply.body()).doesNotContain("maxParameterCount", "Connector");
		assertThat(output.getAll()).doesNotContain("Unexpected failure");
	}

	@Test
	void leavesFormBodiesUnreadWhereNoEndpointTakesOne(ApplicationContext context) {
		// Spring's FormContentFilter would read a form body of any size on PUT, PATCH and
		// DELETE
		assertThat(context.getBeansOfType(FormContentFilter.class)).isEmpty();
	}

}
