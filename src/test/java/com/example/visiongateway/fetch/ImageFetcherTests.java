package com.example.visiongateway.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.example.visiongateway.budget.Budget;
import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.image.ImageLimits;
import com.example.visiongateway.io.TempFileBytes;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Over real sockets, all of them on loopback: no test ever connects anywhere else. */
class ImageFetcherTests {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final TestOrigin origin = TestOrigin.http();

	@AfterEach
	void stopOrigin() {
		this.origin.close();
	}

	@Test
	void fetchesAnImageFromAnAllowListedHostIntoATempFileThatCloseDeletes() throws IOException {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			FetchedImage image = fetcher.fetch(this.origin.url("127.0.0.1", "/chelsea.png?X-Amz-Signature=s3cr3t"))
				.block();
			assertThat(image).isNotNull();
			assertThat(read(image)).isEqualTo(TestOrigin.fixture("chelsea.png"));
			assertThat(image.bytes().size()).isEqualTo(TestOrigin.fixture("chelsea.png").length);
			assertThat(image.contentType()).isEqualTo("image/png");
			assertThat(image.host()).isEqualTo("127.0.0.1");
			assertThat(image.url()).isEqualTo(this.origin.url("127.0.0.1", "/chelsea.png"));
			Path file = ((TempFileBytes) image.bytes()).path();
			assertThat(file).exists();
			image.close();
			assertThat(file).doesNotExist();
		}
	}

	@Test
	void chargesTheBodyToTheDiskBudgetUntilClosedAndRefusesOneThatDoesNotFit() throws IOException {
		int size = TestOrigin.fixture("chelsea.png").length;
		Budget roomForOne = new Budget("disk", size + size / 2);
		try (ImageFetcher fetcher = new ImageFetcher(
				new FetchProperties(List.of("127.0.0.1"), 3, CONNECT_TIMEOUT, Duration.ofSeconds(10), List.of(80, 443)),
				limits(DataSize.ofMegabytes(64)), roomForOne, null)) {
			FetchedImage first = fetcher.fetch(this.origin.url("127.0.0.1", "/chelsea.png")).block();
			assertThat(roomForOne.used()).isEqualTo(size);

			assertFailure(fetcher, this.origin.url("127.0.0.1", "/chelsea.png"), ErrorCode.OVERLOADED,
					(ex) -> assertThat(ex.properties()).containsEntry("resource", "disk"));
			assertThat(roomForOne.used()).isEqualTo(size);
			first.close();
			assertThat(roomForOne.used()).isZero();
			try (FetchedImage again = fetcher.fetch(this.origin.url("127.0.0.1", "/chelsea.png")).block()) {
				assertThat(read(again)).hasSize(size);
			}
			assertThat(roomForOne.used()).isZero();
		}
	}

	@Test
	void passesAnyContentThroughForTheCallerToCheck() throws IOException {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			try (FetchedImage image = fetcher.fetch(this.origin.url("127.0.0.1", "/unsupported.gif")).block()) {
				assertThat(read(image)).isEqualTo(TestOrigin.fixture("unsupported.gif"));
				assertThat(image.contentType()).isEqualTo("image/gif");
			}
		}
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 3 })
	void followsUpToThreeRedirects(int hops) throws IOException {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			try (FetchedImage image = fetcher.fetch(this.origin.url("127.0.0.1", "/hops/" + hops)).block()) {
				assertThat(read(image)).isEqualTo(TestOrigin.fixture("chelsea.png"));
			}
			assertThat(this.origin.requests()).isEqualTo(hops + 1);
		}
	}

	@Test
	void givesUpAtTheFourthRedirect() {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			assertFailure(fetcher, this.origin.url("127.0.0.1", "/hops/4"), ErrorCode.URL_FETCH_FAILED,
					(ex) -> assertThat(ex.detail()).contains("127.0.0.1", "more than 3"));
			assertThat(this.origin.requests()).isEqualTo(4);
		}
	}

	@Test
	void namesTheHostAndStatusOfAFailedAnswerButNeverTheQuery() {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			assertFailure(fetcher, this.origin.url("127.0.0.1", "/missing.png?token=s3cr3t"),
					ErrorCode.URL_FETCH_FAILED, (ex) -> {
						assertThat(ex.detail()).contains("127.0.0.1", "404").doesNotContain("s3cr3t");
						assertThat(ex.properties()).containsEntry("status", 404)
							.containsEntry("host", "127.0.0.1")
							.containsEntry("url", this.origin.url("127.0.0.1", "/missing.png"));
					});
		}
	}

	@Test
	void givesUpOnASlowServerWithinTheTimeout() {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"), Duration.ofSeconds(1), DataSize.ofMegabytes(64))) {
			long start = System.nanoTime();
			assertFailure(fetcher, this.origin.url("127.0.0.1", "/slow"), ErrorCode.URL_FETCH_FAILED,
					(ex) -> assertThat(ex.detail()).contains("127.0.0.1", "within 1 s"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
		}
	}

	@Test
	void reportsARefusedConnection() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, TestOrigin.loopback())) {
			closedPort = socket.getLocalPort();
		}
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			assertFailure(fetcher, "http://127.0.0.1:" + closedPort + "/x.png", ErrorCode.URL_FETCH_FAILED,
					(ex) -> assertThat(ex.detail()).contains("127.0.0.1", "refused"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/huge", "/huge-chunked" })
	void abandonsABodyOverTheLimitWithoutReadingItAll(String path) throws Exception {
		long tempFilesBefore = tempFiles();
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"), Duration.ofSeconds(20), DataSize.ofMegabytes(1))) {
			long start = System.nanoTime();
			assertFailure(fetcher, this.origin.url("127.0.0.1", path), ErrorCode.URL_FETCH_FAILED, (ex) -> {
				assertThat(ex.detail()).contains("larger than 1048576 bytes");
				assertThat(ex.properties()).containsEntry("limit", 1048576L);
			});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		}
		// what the server managed to write is the limit plus socket buffers, far from 30
		// MB
		assertThat(this.origin.hugeBytesSent()).isLessThan(TestOrigin.HUGE_SIZE / 3);
		assertThat(tempFiles()).isEqualTo(tempFilesBefore);
	}

	@Test
	void refusesLoopbackLiteralsByDefaultWithoutConnecting() throws IOException {
		try (ImageFetcher fetcher = fetcher(List.of())) {
			for (String address : List.of("127.0.0.1", "127.0.0.2", "::1")) {
				InetAddress bound = InetAddress.getByName(address);
				try (TestOrigin.ConnectionCounter counter = new TestOrigin.ConnectionCounter(bound)) {
					String host = address.contains(":") ? "[" + address + "]" : address;
					assertFailure(fetcher, "http://" + host + ":" + counter.port() + "/chelsea.png",
							ErrorCode.URL_NOT_ALLOWED, (ex) -> assertThat(ex.detail()).contains("loopback"));
					assertThat(counter.accepted()).isZero();
				}
			}
		}
	}

	@Test
	void refusesANameThatResolvesToLoopbackWithoutConnecting() throws IOException {
		try (TestOrigin.ConnectionCounter counter = new TestOrigin.ConnectionCounter(TestOrigin.loopback());
				ImageFetcher fetcher = new ImageFetcher(
						new FetchProperties(List.of(), 3, CONNECT_TIMEOUT, Duration.ofSeconds(10),
								List.of(counter.port())),
						limits(DataSize.ofMegabytes(64)), new Budget("disk", 1L << 30), null)) {
			assertFailure(fetcher, "http://localhost:" + counter.port() + "/chelsea.png", ErrorCode.URL_NOT_ALLOWED,
					(ex) -> assertThat(ex.detail()).contains("localhost", ImageFetcher.UNRESOLVED)
						.doesNotContain("loopback"));
			assertThat(counter.accepted()).isZero();
		}
	}

	@Test
	void checksEveryRedirectHopAgain() throws IOException {
		try (ImageFetcher fetcher = fetcher(List.of("localhost"));
				TestOrigin.ConnectionCounter counter = new TestOrigin.ConnectionCounter(TestOrigin.loopback())) {
			String hidden = "http://127.0.0.1:" + counter.port() + "/latest/meta-data";
			assertFailure(fetcher, this.origin.url("localhost", "/redirect?" + hidden), ErrorCode.URL_NOT_ALLOWED,
					(ex) -> assertThat(ex.detail()).contains("127.0.0.1", "loopback"));
			assertThat(this.origin.requests()).isEqualTo(1);
			assertThat(counter.accepted()).isZero();
		}
	}

	@Test
	void refusesARedirectToAnotherScheme() {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			assertFailure(fetcher, this.origin.url("127.0.0.1", "/redirect?file:///etc/passwd"),
					ErrorCode.URL_NOT_ALLOWED, (ex) -> assertThat(ex.detail()).contains("http and https"));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://127.0.0.1/image.png", "file:///etc/passwd", "gopher://127.0.0.1:70/_x",
			"mailto:someone@example.com", "//127.0.0.1/image.png" })
	void refusesEverySchemeButHttpAndHttps(String url) {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			assertFailure(fetcher, url, ErrorCode.URL_NOT_ALLOWED, (ex) -> assertThat(ex.detail()).contains("http"));
		}
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "http://metadata.google.internal/computeMetadata/v1/", "http://metadata/computeMetadata/v1/",
					"http://METADATA.google.internal./x", "http://169.254.169.254/latest/meta-data/",
					"http://[fd00:ec2::254]/latest/meta-data/", "http://[::ffff:169.254.169.254]/latest/" })
	void refusesCloudMetadataByNameOrAddressBeforeAnyLookup(String url) {
		try (ImageFetcher fetcher = fetcher(List.of())) {
			assertFailure(fetcher, url, ErrorCode.URL_NOT_ALLOWED,
					(ex) -> assertThat(ex.detail()).contains("metadata"));
		}
	}

	@Test
	void refusesUserCredentialsInTheUrlWithoutEchoingThem() {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1"))) {
			assertFailure(fetcher, this.origin.url("admin:hunter2@127.0.0.1", "/chelsea.png"),
					ErrorCode.URL_NOT_ALLOWED, (ex) -> assertThat(ex.detail()).doesNotContain("hunter2"));
			assertThat(this.origin.requests()).isZero();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "not a url", "http://exa mple.com/x.png" })
	void rejectsWhatIsNotAUrl(String url) {
		try (ImageFetcher fetcher = fetcher(List.of())) {
			assertFailure(fetcher, url, ErrorCode.BAD_REQUEST, (ex) -> assertThat(ex.detail()).contains("imageUrls"));
		}
	}

	@Test
	void fetchesOverTlsWhenTheCertificateNamesTheHost() throws Exception {
		try (TestOrigin tls = TestOrigin.https();
				ImageFetcher fetcher = tlsFetcher(List.of("localhost", "127.0.0.1"))) {
			try (FetchedImage image = fetcher.fetch(tls.url("localhost", "/chelsea.png")).block()) {
				assertThat(read(image)).isEqualTo(TestOrigin.fixture("chelsea.png"));
			}
		}
	}

	@Test
	void refusesPortsOtherThanTheAllowedOnesBeforeResolvingUnlessTheHostIsListed() throws IOException {
		try (ImageFetcher fetcher = fetcher(List.of("127.0.0.1")); TestOrigin origin = TestOrigin.http()) {
			assertFailure(fetcher, "http://localhost:6379/chelsea.png", ErrorCode.URL_NOT_ALLOWED,
					(ex) -> assertThat(ex.detail()).contains("port 6379"));
			try (FetchedImage image = fetcher.fetch(origin.url("127.0.0.1", "/chelsea.png")).block()) {
				assertThat(read(image)).as("a listed host may use any port")
					.isEqualTo(TestOrigin.fixture("chelsea.png"));
			}
		}
	}

	@Test
	void refusesARedirectFromHttpsToHttp() throws Exception {
		try (TestOrigin tls = TestOrigin.https();
				TestOrigin plain = TestOrigin.http();
				ImageFetcher fetcher = tlsFetcher(List.of("localhost", "127.0.0.1"))) {
			String downgrade = tls.url("localhost", "/redirect?" + plain.url("127.0.0.1", "/chelsea.png"));

			assertFailure(fetcher, downgrade, ErrorCode.URL_NOT_ALLOWED,
					(ex) -> assertThat(ex.detail()).contains("https URL may not redirect to http"));
			assertThat(plain.requests()).isZero();
		}
	}

	@Test
	void stillChecksTheCertificateAgainstTheHostWhenConnectingToTheCheckedAddress() throws Exception {
		try (TestOrigin tls = TestOrigin.https();
				ImageFetcher fetcher = tlsFetcher(List.of("localhost", "127.0.0.1"))) {
			// the certificate is trusted but names only "localhost", so 127.0.0.1 must
			// fail the hostname check
			assertFailure(fetcher, tls.url("127.0.0.1", "/chelsea.png"), ErrorCode.URL_FETCH_FAILED,
					(ex) -> assertThat(ex.detail()).contains("TLS"));
		}
	}

	private static ImageFetcher fetcher(List<String> allowedHosts) {
		return fetcher(allowedHosts, Duration.ofSeconds(10), DataSize.ofMegabytes(64));
	}

	private static ImageFetcher fetcher(List<String> allowedHosts, Duration timeout, DataSize maxImageSize) {
		return new ImageFetcher(new FetchProperties(allowedHosts, 3, CONNECT_TIMEOUT, timeout, List.of(80, 443)),
				limits(maxImageSize), new Budget("disk", 1L << 30));
	}

	private static ImageFetcher tlsFetcher(List<String> allowedHosts) throws Exception {
		X509Certificate certificate = (X509Certificate) TestOrigin.keyStore().getCertificate("localhost");
		SslContext trustingTestCertificate = SslContextBuilder.forClient().trustManager(certificate).build();
		return new ImageFetcher(
				new FetchProperties(allowedHosts, 3, CONNECT_TIMEOUT, Duration.ofSeconds(10), List.of(80, 443)),
				limits(DataSize.ofMegabytes(64)), new Budget("disk", 1L << 30), trustingTestCertificate);
	}

	private static ImageLimits limits(DataSize maxImageSize) {
		return new ImageLimits(3600, maxImageSize, DataSize.ofGigabytes(1), 100_000_000L, 8000, 200, 200, 50_000_000L);
	}

	private static void assertFailure(ImageFetcher fetcher, String url, ErrorCode code,
			Consumer<VisionException> details) {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> fetcher.fetch(url).block())
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(code))
			.satisfies(details::accept);
	}

	private static byte[] read(FetchedImage image) throws IOException {
		try (InputStream in = image.bytes().openStream()) {
			return in.readAllBytes();
		}
	}

	private static long tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("vision-fetch-")).count();
		}
	}

}
