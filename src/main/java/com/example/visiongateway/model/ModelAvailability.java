package com.example.visiongateway.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.example.visiongateway.gemini.GeminiClient;
import com.example.visiongateway.gemini.GeminiProperties;
import com.example.visiongateway.gemini.wire.ModelList;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Which allowed models Gemini serves to the gateway's key, from {@code models.list}
 * (every page) at start-up (waited for up to {@code startup-wait}) and then every
 * {@code vision.gemini.model-check.interval}. A model missing from a complete list is
 * unavailable until a later list names it again; it is logged at WARN when it goes
 * missing (once, not at every check) and shown by the gauge
 * {@code vision.models.available{model}} and the {@code gemini} health detail. A check
 * that fails (network, 4xx/5xx, too many pages) changes nothing: the last known state
 * stands (so does an empty list), and before any successful check every model counts as
 * available, so an upstream without {@code models.list} is harmless.
 */
@Component
public class ModelAvailability implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ModelAvailability.class);

	private static final String PREFIX = "models/";

	private final GeminiClient gemini;

	private final GeminiProperties models;

	private final ModelCheckProperties properties;

	private final Set<String> missing = ConcurrentHashMap.newKeySet();

	private volatile ScheduledExecutorService scheduler;

	ModelAvailability(GeminiClient gemini, GeminiProperties models, ModelCheckProperties properties,
			MeterRegistry registry) {
		this.gemini = gemini;
		this.models = models;
		this.properties = properties;
		for (String model : models.models().keySet()) {
			Gauge.builder("vision.models.available", () -> available(model) ? 1 : 0)
				.description("1 while Gemini lists the allowed model for the gateway's key, 0 when it does not")
				.tag("model", model)
				.register(registry);
		}
	}

	/** Whether the model may be called: not missing from the last complete list. */
	public boolean available(String model) {
		return !this.missing.contains(model);
	}

	/** Allowed models missing from the last complete list, in configuration order. */
	public List<String> unavailable() {
		return this.models.models().keySet().stream().filter(this.missing::contains).toList();
	}

	/** Allowed models not missing, in configuration order. */
	List<String> availableModels() {
		return this.models.models().keySet().stream().filter(this::available).toList();
	}

	/**
	 * One check: lists every page, then updates the state.
	 * @return whether the list was read completely
	 */
	public boolean check() {
		Set<String> listed = new HashSet<>();
		try {
			String token = null;
			int pages = 0;
			do {
				ModelList page = this.gemini.listModels(this.properties.pageSize(), token).block(Duration.ofMinutes(2));
				if (page == null) {
					break;
				}
				page.models().forEach((model) -> listed.add(strip(model.name())));
				token = page.nextPageToken();
				pages++;
				if (token != null && !token.isEmpty() && pages >= this.properties.maxPages()) {
					logger.warn("Gemini's model list has more than {} pages (vision.gemini.model-check.max-pages); "
							+ "model availability left as it was", pages);
					return false;
				}
			}
			while (token != null && !token.isEmpty());
		}
		catch (RuntimeException ex) {
			// Failing to list is no news about the models: keep the last known state
			logger.info("Could not check the allowed models against Gemini's model list ({}); "
					+ "availability left as it was", ex.getMessage());
			return false;
		}
		if (listed.isEmpty()) {
			// Gemini always lists models: an empty list is a broken upstream, not news
			logger.info("Gemini's model list came back empty; model availability left as it was");
			return false;
		}
		update(listed);
		return true;
	}

	private void update(Set<String> listed) {
		List<String> gone = new ArrayList<>();
		for (String model : this.models.models().keySet()) {
			if (listed.contains(model)) {
				if (this.missing.remove(model)) {
					logger.info("Gemini lists {} again: requests for it are served", model);
				}
			}
			else if (this.missing.add(model)) {
				gone.add(model);
			}
		}
		if (!gone.isEmpty()) {
			logger.warn(
					"Gemini does not list the allowed model(s) {} for this key (retired, not enabled or renamed): "
							+ "requests for them get 503 MODEL_UNAVAILABLE; still available: {}",
					gone, availableModels());
		}
	}

	private static String strip(String name) {
		return (name != null && name.startsWith(PREFIX)) ? name.substring(PREFIX.length()) : String.valueOf(name);
	}

	/** The details the {@code gemini} health component shows. */
	public Map<String, Object> details() {
		return Map.of("unavailableModels", unavailable());
	}

	@Override
	public void start() {
		if (!this.properties.enabled()) {
			return;
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "model-check");
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler = executor;
		long interval = this.properties.interval().toMillis();
		Future<Boolean> first = executor.submit(this::check);
		try {
			// Serve with the start-up state known, unless Gemini is slow to list
			first.get(this.properties.startupWait().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.info("The start-up model check did not finish within {}; serving meanwhile",
					this.properties.startupWait());
		}
		executor.scheduleWithFixedDelay(this::check, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.scheduler;
		this.scheduler = null;
		if (executor != null) {
			executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

}
