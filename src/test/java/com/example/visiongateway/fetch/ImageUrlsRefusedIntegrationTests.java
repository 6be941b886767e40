package com.example.visiongateway.fetch;

import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.example.visiongateway.support.GatewayClient.parts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the default configuration no loopback or private address is fetched, and nothing
 * connects to it.
 */
class ImageUrlsRefusedIntegrationTests extends GatewayIntegrationTest {

	private final TestOrigin origin = TestOrigin.http();

	@AfterEach
	void stop() {
		this.origin.close();
	}

	@Test
	void refusesLoopbackAddressesWithoutConnecting() {
		for (String host : new String[] { "127.0.0.1", "127.0.0.2", "[::1]", "localhost" }) {
			Reply reply = this.gateway.post("/v1/vision/caption",
					parts().field("imageUrls", this.origin.url(host, "/chelsea.png")));

			assertThat(reply.status()).as(host).isEqualTo(400);
			assertThat(reply.json().get("code").asString()).isEqualTo("URL_NOT_ALLOWED");
		}
		assertThat(this.origin.requests()).isZero();
		assertThat(stub.generateContentRequests()).isEmpty();
	}

	@Test
	void answersAPrivateAndAnUnresolvableNameAlike() {
		// Issue 13, item 9: the texts differed, which let callers map internal DNS
		// through the gateway.
		Reply privateName = this.gateway.post("/v1/vision/caption",
				parts().field("imageUrls", "http://localhost/chelsea.png"));
		Reply unresolvable = this.gateway.post("/v1/vision/caption",
				parts().field("imageUrls", "http://no-such-host.invalid/chelsea.png"));

		assertThat(privateName.status()).isEqualTo(400);
		assertThat(privateName.json().get("code").asString()).isEqualTo("URL_NOT_ALLOWED");
		assertThat(privateName.body()).doesNotContain("loopback", "private");
		assertThat(unresolvable.body().replace("no-such-host.invalid", "HOST"))
			.isEqualTo(privateName.body().replace("localhost", "HOST"));
	}

	@Test
	void refusesPublicHostsOnPortsOtherThan80And443() {
		// Issue 13, item 9: any port of a public host was fetched. A name's port is
		// judged before the name is
		// resolved, so this one (which would resolve to loopback) shows it without any
		// traffic leaving the machine.
		Reply reply = this.gateway.post("/v1/vision/caption",
				parts().field("imageUrls", "http://localhost:6379/chelsea.png"));

		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.json().get("code").asString()).isEqualTo("URL_NOT_ALLOWED");
		assertThat(reply.json().get("detail").asString()).contains("port 6379");
	}

	@Test
	void refusesOtherSchemes() {
		Reply file = this.gateway.post("/v1/vision/caption", parts().field("imageUrls", "file:///etc/passwd"));

		assertThat(file.status()).isEqualTo(400);
		assertThat(file.json().get("code").asString()).isEqualTo("URL_NOT_ALLOWED");
	}

}
