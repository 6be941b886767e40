package com.example.visiongateway.task;

import java.util.Map;

import com.example.visiongateway.error.ErrorCode;
import com.example.visiongateway.error.VisionException;

/**
 * A failure that belongs to one image's answer (blocked, or unusable). With several
 * images it becomes that result's {@code error}; with one image it is the response's
 * status.
 */
class AnswerException extends VisionException {

	AnswerException(ErrorCode code, String detail, Map<String, ?> properties) {
		super(code, detail, properties);
	}

	static AnswerException of(VisionException ex) {
		return (ex instanceof AnswerException answer) ? answer
				: new AnswerException(ex.code(), ex.detail(), ex.properties());
	}

}
