package com.example.visiongateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;

/**
 * The Prometheus series the gateway exports, as Micrometer's own Prometheus registry
 * names them: the gateway's meters (by name, type and base unit, each checked to be
 * registered in {@code src/main/java}), Resilience4j's breaker meters as the gateway
 * binds them, and Spring's HTTP server timer. Alert expressions are checked against these
 * names.
 */
final class ExportedMetrics {

	/**
	 * The gateway's own meters: Micrometer name, type and base unit as the application
	 * registers them (timers with the percentile histograms application.yaml enables).
	 */
	static final List<GatewayMeter> GATEWAY_METERS = List.of(new GatewayMeter("vision.requests", Kind.TIMER, ""),
			new GatewayMeter("gemini.requests", Kind.TIMER, ""), new GatewayMeter("vision.images", Kind.COUNTER, ""),
			new GatewayMeter("vision.downscale.saved", Kind.COUNTER, "bytes"),
			new GatewayMeter("vision.files.dedup", Kind.COUNTER, ""),
			new GatewayMeter("vision.models.rerouted", Kind.COUNTER, ""),
			new GatewayMeter("vision.state.fallbacks", Kind.COUNTER, ""),
			new GatewayMeter("gemini.tokens", Kind.COUNTER, ""), new GatewayMeter("gemini.retries", Kind.COUNTER, ""),
			new GatewayMeter("gemini.rejections", Kind.COUNTER, ""),
			new GatewayMeter("vision.auth.requests", Kind.COUNTER, ""),
			new GatewayMeter("gemini.calls.active", Kind.GAUGE, ""),
			new GatewayMeter("gemini.calls.queued", Kind.GAUGE, ""),
			new GatewayMeter("vision.models.available", Kind.GAUGE, ""),
			new GatewayMeter("vision.budget.used", Kind.GAUGE, "bytes"),
			new GatewayMeter("vision.budget.capacity", Kind.GAUGE, "bytes"),
			new GatewayMeter("vision.image.bytes", Kind.SUMMARY, "bytes"));

	private ExportedMetrics() {
	}

	/**
	 * Every series name (with the _total, _bucket, _count… suffixes) a scrape can show.
	 */
	static Set<String> seriesNames() {
		PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		for (GatewayMeter meter : GATEWAY_METERS) {
			meter.register(registry);
		}
		Timer.builder(new DefaultServerRequestObservationConvention().getName()).register(registry);
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.ofDefaults();
		breakers.circuitBreaker("gemini-3.8-flash");
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(registry);
		return registry.scrape()
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> line.split("[{ ]", 2)[0])
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** The Java sources of the application, concatenated. */
	static String mainSources() {
		try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
			StringBuilder sources = new StringBuilder();
			for (Path file : (Iterable<Path>) files.filter((path) -> path.toString().endsWith(".java"))::iterator) {
				sources.append(Files.readString(file));
			}
			return sources.toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Micrometer meter types the gateway uses. */
	enum Kind {

		TIMER, COUNTER, GAUGE, SUMMARY

	}

	/** One of the gateway's meters; {@code baseUnit} empty when it has none. */
	record GatewayMeter(String name, Kind kind, String baseUnit) {

		void register(MeterRegistry registry) {
			String unit = this.baseUnit.isEmpty() ? null : this.baseUnit;
			switch (this.kind) {
				case TIMER -> Timer.builder(this.name).publishPercentileHistogram().register(registry);
				case COUNTER -> Counter.builder(this.name).baseUnit(unit).register(registry);
				case GAUGE -> Gauge.builder(this.name, () -> 0).baseUnit(unit).register(registry);
				case SUMMARY -> DistributionSummary.builder(this.name).baseUnit(unit).register(registry);
			}
		}

	}

}
