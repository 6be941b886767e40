package com.example.visiongateway.observability;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the request log line reports beyond HTTP: the model and the number of images,
 * noted while handling.
 */
public final class RequestFacts {

	static final String MODEL = RequestFacts.class.getName() + ".model";

	static final String IMAGES = RequestFacts.class.getName() + ".images";

	private RequestFacts() {
	}

	/**
	 * Notes the facts on the current request, when there is one (not in unit tests or
	 * background work).
	 */
	public static void note(String model, int images) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes != null) {
			attributes.setAttribute(MODEL, model, RequestAttributes.SCOPE_REQUEST);
			attributes.setAttribute(IMAGES, images, RequestAttributes.SCOPE_REQUEST);
		}
	}

	/**
	 * Notes the facts on {@code request}, from whichever thread learns them (an
	 * asynchronous request's work runs off the request's thread).
	 */
	public static void note(HttpServletRequest request, String model, int images) {
		request.setAttribute(MODEL, model);
		request.setAttribute(IMAGES, images);
	}

}
