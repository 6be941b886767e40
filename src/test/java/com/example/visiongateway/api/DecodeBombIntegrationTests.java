package com.example.visiongateway.api;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.example.visiongateway.stub.GeminiStub;
import com.example.visiongateway.support.ForkedGateway;
import com.example.visiongateway.support.GatewayClient;
import com.example.visiongateway.support.GatewayClient.Reply;
import com.example.visiongateway.support.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13, item 2, as it was reproduced: a 778 KB PNG that decodes to 800 MB, sent twice
 * at once to a gateway on a 512 MB heap. It used to end the JVM with an OutOfMemoryError;
 * now each decode reads every 39th pixel within the decode budget.
 */
class DecodeBombIntegrationTests {

	private static final GeminiStub stub = GeminiStub.start();

	@TempDir
	Path dir;

	@AfterAll
	static void stop() {
		stub.close();
	}

	@Test
	void twoDecodeBombsAtOnceOnA512MbHeapAreAnsweredAndTheProcessLives() throws Exception {
		byte[] bomb = TestImages.blankPng(10000, 10000, 16, 6, 6);
		assertThat(bomb.length).isLessThan(1_000_000);
		try (ForkedGateway app = ForkedGateway.start("512m", this.dir, "--vision.gemini.base-url=" + stub.baseUrl(),
				"--vision.gemini.api-key=decode-bomb-key")) {
			GatewayClient gateway = new GatewayClient(app.port());
			ExecutorService callers = Executors.newFixedThreadPool(2);
			List<Future<Reply>> replies;
			try {
				replies = callers.invokeAll(List.of(() -> tokens(gateway, bomb), () -> tokens(gateway, bomb)));
			}
			finally {
				callers.shutdownNow();
			}
			for (Future<Reply> future : replies) {
				Reply reply = future.get();
				assertThat(reply.status()).as(reply.body()).isIn(200, 503);
				if (reply.status() == 200) {
					// shrunk: an image sent at full size would carry a warning saying why
					assertThat(reply.json().at("/results/0/warnings").size()).as(reply.body()).isZero();
				}
				else {
					assertThat(reply.json().get("code").asString()).isEqualTo("OVERLOADED");
				}
			}
			assertThat(replies).anySatisfy((reply) -> assertThat(reply.get().status()).isEqualTo(200));
			assertThat(app.alive()).isTrue();
			assertThat(app.log()).doesNotContain("OutOfMemoryError");
		}
	}

	private static Reply tokens(GatewayClient gateway, byte[] image) {
		return gateway.post("/v1/vision/tokens",
				GatewayClient.parts().image("bomb.png", image, "image/png").field("maxDimension", "64"));
	}

}
