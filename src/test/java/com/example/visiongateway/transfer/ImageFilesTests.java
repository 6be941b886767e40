package com.example.visiongateway.transfer;

import org.junit.jupiter.api.Test;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageFilesTests {

	@Test
	void takesAFileIdBareAsAResourceNameOrAsAUri() {
		assertThat(ImageFiles.idOf("abc-123")).isEqualTo("abc-123");
		assertThat(ImageFiles.idOf(" files/abc-123 ")).isEqualTo("abc-123");
		assertThat(ImageFiles.idOf("https://generativelanguage.googleapis.com/v1beta/files/abc-123"))
			.isEqualTo("abc-123");
	}

	@Test
	void refusesAMissingOrOddFileIdAsNotFoundEchoingItShortened() {
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> ImageFiles.idOf(null))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> ImageFiles.idOf("files/"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> ImageFiles.idOf("files/ABC"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND));
		assertThatExceptionOfType(VisionException.class).isThrownBy(() -> ImageFiles.idOf("x".repeat(200)))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND);
				assertThat(ex.detail()).doesNotContain("x".repeat(65));
			});
	}

}
