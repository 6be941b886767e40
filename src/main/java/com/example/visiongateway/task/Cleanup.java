package com.example.visiongateway.task;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temp files one request made (fetched bodies, downscaled copies), deleted when the
 * request is done.
 */
final class Cleanup implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(Cleanup.class);

	private final List<AutoCloseable> resources = new ArrayList<>();

	synchronized <T extends AutoCloseable> T register(T resource) {
		this.resources.add(resource);
		return resource;
	}

	@Override
	public synchronized void close() {
		for (AutoCloseable resource : this.resources) {
			try {
				resource.close();
			}
			catch (Exception ex) {
				log.warn("Could not release a temporary resource", ex);
			}
		}
		this.resources.clear();
	}

}
