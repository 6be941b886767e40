package com.example.visiongateway.multipart;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;

/**
 * Releases a request's parts when the container is done with it, whatever path the
 * request took to its end.
 */
final class MultipartCleanupListener implements ServletRequestListener {

	@Override
	public void requestDestroyed(ServletRequestEvent event) {
		StreamingMultipartResolver.release(event.getServletRequest());
	}

}
