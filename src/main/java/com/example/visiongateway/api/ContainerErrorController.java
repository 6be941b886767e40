package com.example.visiongateway.api;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Hidden;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page: a status set outside Spring MVC's exception handling (a
 * filter's or the container's own {@code sendError}) becomes a problem with the
 * contract's code instead of Spring Boot's default error JSON. Called directly, the path
 * is as unknown as any other.
 */
@Hidden
@RestController
class ContainerErrorController implements ErrorController {

	@RequestMapping(path = "${server.error.path:/error}",
			produces = { MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<?> error(HttpServletRequest request) {
		Object attribute = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		int status = (attribute instanceof Integer code && code >= 400) ? code : HttpStatus.NOT_FOUND.value();
		boolean google = GoogleErrors.applies(request);
		if (status >= 500) {
			return google ? GoogleErrors.internal() : ProblemHandler.internalError();
		}
		ErrorCode code = ProblemHandler.codeFor(HttpStatusCode.valueOf(status));
		if (google) {
			return GoogleErrors.of(new VisionException(code, code.title() + "."));
		}
		ProblemDetail problem = Problems.of(code, code.title() + ".");
		problem.setStatus(status);
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

}
