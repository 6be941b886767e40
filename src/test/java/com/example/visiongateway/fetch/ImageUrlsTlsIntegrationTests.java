package com.example.visiongateway.fetch;

import java.security.cert.X509Certificate;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.budget.BudgetConfiguration;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.GatewayIntegrationTest;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import static com.example.visiongateway.support.GatewayClient.parts;
import static com.example.visiongateway.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code imageUrls} over https through the HTTP API (issue 13, item 9): the gateway's
 * fetcher, trusting only the test origin's certificate in place of the JDK's authorities,
 * follows https and refuses a redirect down to http without connecting.
 */
@TestPropertySource(properties = { "vision.fetch.allowed-hosts=localhost,127.0.0.1", "vision.fetch.timeout=5s" })
@Import(ImageUrlsTlsIntegrationTests.TrustingTestOrigin.class)
class ImageUrlsTlsIntegrationTests extends GatewayIntegrationTest {

	@Test
	void fetchesOverHttpsAndRefusesARedirectDownToHttp() throws Exception {
		try (TestOrigin tls = TestOrigin.https(); TestOrigin plain = TestOrigin.http()) {
			Reply direct = this.gateway.post("/v1/vision/caption",
					parts().field("imageUrls", tls.url("localhost", "/chelsea.png")));
			assertThat(direct.status()).as(direct.body()).isEqualTo(200);

			String downgrade = tls.url("localhost", "/redirect?" + plain.url("127.0.0.1", "/chelsea.png"));
			Reply refused = this.gateway.post("/v1/vision/caption", parts().field("imageUrls", downgrade));

			assertProblem(refused, 400, "URL_NOT_ALLOWED");
			assertThat(refused.json().get("detail").asString()).contains("https URL may not redirect to http");
			assertThat(plain.requests()).isZero();
			assertThat(stub.generateContentRequests()).hasSize(1);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class TrustingTestOrigin {

		@Bean
		@Primary
		ImageFetcher trustingFetcher(FetchProperties properties, ImageLimits limits,
				@Qualifier(BudgetConfiguration.DISK) Budget disk) throws Exception {
			X509Certificate certificate = (X509Certificate) TestOrigin.keyStore().getCertificate("localhost");
			return new ImageFetcher(properties, limits, disk,
					SslContextBuilder.forClient().trustManager(certificate).build());
		}

	}

}
