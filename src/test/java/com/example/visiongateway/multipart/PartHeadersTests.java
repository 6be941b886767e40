package com.example.visiongateway.multipart;

import java.nio.charset.StandardCharsets;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PartHeadersTests {

	@Test
	void readsNameFilenameAndTypeWhateverTheHeaderCase() {
		PartHeaders headers = PartHeaders
			.parse("content-DISPOSITION: Form-Data; name=\"images\"; filename=\"a b.png\"\r\nContent-Type: image/png");

		assertThat(headers).isEqualTo(new PartHeaders("images", "a b.png", "image/png"));
		assertThat(headers.isFile()).isTrue();
	}

	@Test
	void aPartWithoutFilenameIsTextAndAnEmptyFilenameIsStillAFile() {
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=prompt").isFile()).isFalse();
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=\"images\"; filename=\"\"").filename())
			.isEmpty();
	}

	@Test
	void keepsQuotesAndBackslashesInsideAFilenameAsTheContainerDid() {
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=\"f\"; filename=\"<b>\"x\"</b>.png\"")
			.filename()).isEqualTo("<b>\"x\"</b>.png");
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=\"f\"; filename=\"..\\..\\win.ini\"")
			.filename()).isEqualTo("..\\..\\win.ini");
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=\"f\"; filename=\"a;b.png\"").filename())
			.isEqualTo("a;b.png");
	}

	@Test
	void prefersTheExtendedFilename() {
		PartHeaders headers = PartHeaders.parse("Content-Disposition: form-data; name=\"f\"; filename=\"x.png\"; "
				+ "filename*=UTF-8''%C3%A9t%C3%A9+1.png");

		assertThat(headers.filename()).isEqualTo("été+1.png");
	}

	@Test
	void readsTheCharsetOfATextPart() {
		assertThat(PartHeaders
			.parse("Content-Disposition: form-data; name=p\r\nContent-Type: text/plain; charset=ISO-8859-1")
			.charset()).isEqualTo(StandardCharsets.ISO_8859_1);
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=p").charset())
			.isEqualTo(StandardCharsets.UTF_8);
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> PartHeaders
			.parse("Content-Disposition: form-data; name=p\r\nContent-Type: text/plain; " + "charset=no-such-charset")
			.charset());
	}

	@Test
	void aContentTypeWithoutCharsetOrEmptyReadsAsUtf8() {
		PartHeaders plain = PartHeaders.parse("Content-Disposition: form-data; name=p\r\nContent-Type: text/plain");
		PartHeaders empty = PartHeaders.parse("Content-Disposition: form-data; name=p\r\nContent-Type:   ");

		assertThat(plain.charset()).isEqualTo(StandardCharsets.UTF_8);
		assertThat(empty.contentType()).isNull();
		assertThat(empty.charset()).isEqualTo(StandardCharsets.UTF_8);
	}

	@Test
	void skipsEmptyParametersTabsAndTrailingSemicolons() {
		assertThat(PartHeaders.parse("Content-Disposition: form-data; ;\tname=f;;filename=a.png;  "))
			.isEqualTo(new PartHeaders("f", "a.png", null));
	}

	@Test
	void keepsABackslashOutsideQuotesAsItIs() {
		assertThat(PartHeaders.parse("Content-Disposition: form-data; name=f; filename=C:\\x.png").filename())
			.isEqualTo("C:\\x.png");
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "Content-Disposition: form-data; junk; name=f", "Content-Disposition: form-data; name=\"" })
	void namesWhatIsWrongWithAParameter(String block) {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> PartHeaders.parse(block))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST))
			.withMessageContaining(
					block.endsWith("\"") ? "quoted header parameter is not closed" : "a header parameter has no value");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Content-Type: image/png", "Content-Disposition: attachment; name=\"f\"",
			"Content-Disposition: form-data", "Content-Disposition: form-data; name=\"\"",
			"Content-Disposition: form-data; name=\"f\"; filename", "Content-Disposition: form-data; name=\"f",
			"Content-Disposition: form-data; name=\"f\"; filename=\"a\u0000.png\"",
			"Content-Disposition: form-data; name=\"f\"; filename*=nonsense", "no colon here",
			"Content-Disposition: form-data; name=\"f\"; filename*=UTF-8''%zz" })
	void refusesWhatIsNotANamedFormDataPart(String block) {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> PartHeaders.parse(block))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.BAD_REQUEST));
	}

}
