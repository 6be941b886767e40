package com.example.visiongateway.api;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import com.example.visiongateway.gemini.GeminiException;
import com.example.visiongateway.gemini.GeminiOverloadedException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place where failures become RFC 9457 problems with the contract's {@code code}.
 * Details never carry a class name, a stack trace or the Gemini key.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

	@ExceptionHandler(VisionException.class)
	ResponseEntity<?> vision(VisionException ex, HttpServletRequest request) {
		return respond(ex, request);
	}

	@ExceptionHandler(GeminiException.class)
	ResponseEntity<?> gemini(GeminiException ex, HttpServletRequest request) {
		VisionException problem = UpstreamProblems.toProblem(ex);
		if (ex instanceof GeminiOverloadedException) {
			// Shedding load is working as designed; the gemini.rejections counter tells
			// how often.
			log.debug("Gemini call refused: {}", problem.detail());
		}
		else {
			log.warn("Gemini call failed: {}", problem.detail());
		}
		return respond(problem, request);
	}

	/**
	 * Tomcat refuses to parse parameters over its own limits (count, form body size) only
	 * when they are first read, as an exception rather than a status.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<?> parameters(InvalidParameterException ex, HttpServletRequest request) {
		boolean tooLarge = ex.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value();
		return respond(new VisionException(tooLarge ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.BAD_REQUEST,
				tooLarge ? "The form body is over the server's size limit."
						: "The request's parameters cannot be read: too many, or malformed."),
				request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<?> unexpected(Exception ex, HttpServletRequest request) {
		log.error("Unexpected failure", ex);
		return GoogleErrors.applies(request) ? GoogleErrors.internal() : internalError();
	}

	static ResponseEntity<ProblemDetail> internalError() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"The gateway failed unexpectedly; the failure was logged.");
		problem.setProperty("code", "INTERNAL_ERROR");
		return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleAsyncRequestTimeoutException(AsyncRequestTimeoutException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		return cast(respond(new VisionException(ErrorCode.UPSTREAM_TIMEOUT, "The request took longer than allowed."),
				nativeRequest(request)));
	}

	/** Spring MVC's own failures (missing parts, wrong content type …) get a code too. */
	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			ErrorCode code = codeFor(statusCode);
			HttpServletRequest servletRequest = nativeRequest(request);
			if (servletRequest != null && GoogleErrors.applies(servletRequest)) {
				return GoogleErrors
					.of(new VisionException(code, (problem.getDetail() != null) ? problem.getDetail() : code.title()));
			}
			ProblemDetail coded = Problems.of(code, (problem.getDetail() != null) ? problem.getDetail() : code.title());
			coded.setStatus(statusCode.value());
			return ResponseEntity.status(statusCode)
				.headers(response.getHeaders())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(coded);
		}
		return response;
	}

	static ErrorCode codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 404 -> ErrorCode.NOT_FOUND;
			case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
			case 406 -> ErrorCode.NOT_ACCEPTABLE;
			case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
			case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
			case 503 -> ErrorCode.UPSTREAM_UNAVAILABLE;
			case 504 -> ErrorCode.UPSTREAM_TIMEOUT;
			default -> ErrorCode.BAD_REQUEST;
		};
	}

	private static ResponseEntity<?> respond(VisionException ex, HttpServletRequest request) {
		if (request != null && GoogleErrors.applies(request)) {
			return GoogleErrors.of(ex);
		}
		ResponseEntity.BodyBuilder response = ResponseEntity.status(ProblemStatus.of(ex.code()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON);
		Object retryAfter = ex.properties().get("retryAfterSeconds");
		if (retryAfter != null) {
			response.header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
		}
		return response.body(Problems.of(ex));
	}

	private static HttpServletRequest nativeRequest(WebRequest request) {
		return (request instanceof NativeWebRequest web) ? web.getNativeRequest(HttpServletRequest.class) : null;
	}

	@SuppressWarnings("unchecked")
	private static ResponseEntity<Object> cast(ResponseEntity<?> response) {
		return (ResponseEntity<Object>) response;
	}

}
