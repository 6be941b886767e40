package com.example.visiongateway.api;

import java.net.URI;
import java.util.Locale;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

import org.springframework.http.ProblemDetail;

/**
 * Builds the contract's RFC 9457 problem objects, for responses and for per-image
 * {@code error} members alike.
 */
final class Problems {

	private static final String TYPE_PREFIX = "urn:vision-gateway:problem:";

	private Problems() {
	}

	static ProblemDetail of(VisionException ex) {
		ProblemDetail problem = of(ex.code(), ex.detail());
		ex.properties().forEach(problem::setProperty);
		return problem;
	}

	static ProblemDetail of(ErrorCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ProblemStatus.of(code), detail);
		problem.setType(URI.create(TYPE_PREFIX + code.name().toLowerCase(Locale.ROOT).replace('_', '-')));
		problem.setTitle(code.title());
		problem.setProperty("code", code.name());
		return problem;
	}

}
