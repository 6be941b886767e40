package com.example.visiongateway.gemini;

import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * The Gemini connection pool's own counts as {@code gemini.calls.active} (connections
 * lent to exchanges) and {@code gemini.calls.queued} (exchanges waiting for one), summed
 * over the pool's hosts: the pool is the one limit on calls in flight.
 */
final class PoolGauges implements ConnectionProvider.MeterRegistrar {

	private final Map<String, ConnectionPoolMetrics> pools = new ConcurrentHashMap<>();

	PoolGauges(MeterRegistry meters) {
		Gauge.builder("gemini.calls.active", this, (gauges) -> gauges.sum(ConnectionPoolMetrics::acquiredSize))
			.description("HTTP exchanges with Gemini in flight")
			.register(meters);
		Gauge.builder("gemini.calls.queued", this, (gauges) -> gauges.sum(ConnectionPoolMetrics::pendingAcquireSize))
			.description("HTTP exchanges with Gemini waiting for a free connection")
			.register(meters);
	}

	@Override
	public void registerMetrics(String poolName, String id, SocketAddress remoteAddress,
			ConnectionPoolMetrics metrics) {
		this.pools.put(id, metrics);
	}

	@Override
	public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
		this.pools.remove(id);
	}

	private double sum(ToIntFunction<ConnectionPoolMetrics> count) {
		return this.pools.values().stream().mapToInt(count).sum();
	}

}
