package com.example.visiongateway.fetch;

import java.net.URI;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FetchTargetTests {

	@Test
	void showsTheUrlWithoutQueryOrFragmentButRequestsTheQuery() {
		FetchTarget target = FetchTarget.parse("HTTPS://Bucket.Example.COM./a%20b/cat.jpg?X-Amz-Signature=s3cr3t#top");
		assertThat(target.host()).isEqualTo("bucket.example.com");
		assertThat(target.shown()).isEqualTo("https://Bucket.Example.COM./a%20b/cat.jpg");
		assertThat(target.uri())
			.isEqualTo(URI.create("https://Bucket.Example.COM./a%20b/cat.jpg?X-Amz-Signature=s3cr3t"));
		assertThat(target.port()).isEqualTo(443);
	}

	@Test
	void unbracketsIpv6Hosts() {
		FetchTarget target = FetchTarget.parse("http://[FD00:EC2::254]:8080/x");
		assertThat(target.host()).isEqualTo("fd00:ec2::254");
		assertThat(target.port()).isEqualTo(8080);
	}

	@Test
	void resolvesRelativeRedirectsAgainstTheHop() {
		FetchTarget target = FetchTarget.parse("http://a.example/images/cat.jpg?sig=1");
		assertThat(target.redirect("../other/dog.png").uri()).isEqualTo(URI.create("http://a.example/other/dog.png"));
		assertThat(target.redirect("//b.example/x").host()).isEqualTo("b.example");
	}

	@Test
	void refusesARedirectToAnotherScheme() {
		FetchTarget target = FetchTarget.parse("http://a.example/cat.jpg");
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> target.redirect("file:///etc/passwd"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.URL_NOT_ALLOWED));
	}

	@Test
	void reportsAnUnparsableRedirectAsAFailedFetch() {
		FetchTarget target = FetchTarget.parse("http://a.example/cat.jpg?sig=s3cr3t");
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> target.redirect("http://b example/"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.URL_FETCH_FAILED))
			.satisfies((ex) -> assertThat(ex.detail()).contains("a.example").doesNotContain("s3cr3t"));
	}

}
