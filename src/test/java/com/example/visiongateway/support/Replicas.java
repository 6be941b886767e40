package com.example.visiongateway.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.example.visiongateway.VisionGatewayApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Several replicas of the gateway in one JVM, each a whole application on its own port,
 * all on the same Gemini stub and the same Redis under a key prefix of their own; closing
 * them deletes every key under that prefix.
 */
public final class Replicas implements AutoCloseable {

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private final String keyPrefix;

	private Replicas(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	/**
	 * {@code count} replicas with the test settings of {@link GatewayIntegrationTest},
	 * {@code vision.state.store=redis} and then {@code properties} on top.
	 */
	public static Replicas start(int count, String stubUrl, String redisUrl, String keyPrefix,
			Map<String, Object> properties) {
		Replicas replicas = new Replicas(keyPrefix);
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("server.port", "0");
		settings.put("vision.gemini.base-url", stubUrl);
		settings.put("vision.gemini.api-key", GatewayIntegrationTest.GEMINI_KEY);
		settings.put("vision.gemini.retry.max-attempts", "3");
		settings.put("vision.gemini.retry.initial-backoff", "20ms");
		settings.put("vision.gemini.retry.max-backoff", "100ms");
		settings.put("vision.gemini.deadline", "30s");
		settings.put("vision.gemini.circuit-breaker.enabled", "false");
		settings.put("vision.state.store", "redis");
		settings.put("vision.state.key-prefix", keyPrefix);
		settings.put("spring.data.redis.url", redisUrl);
		settings.putAll(properties);
		try {
			for (int i = 0; i < count; i++) {
				// As arguments, so they win over application.yaml as a deployment's
				// environment would
				replicas.contexts
					.add(new SpringApplicationBuilder(VisionGatewayApplication.class).run(settings.entrySet()
						.stream()
						.map((setting) -> "--" + setting.getKey() + "=" + setting.getValue())
						.toArray(String[]::new)));
			}
		}
		catch (RuntimeException ex) {
			replicas.close();
			throw ex;
		}
		// Connected before the first request: on a loaded machine a first connect racing
		// a burst of requests can miss its timeout, and the replica would start on its
		// own state
		replicas.contexts.forEach((context) -> context.getBean(StringRedisTemplate.class).hasKey(keyPrefix));
		return replicas;
	}

	public int size() {
		return this.contexts.size();
	}

	public GatewayClient client(int replica) {
		return new GatewayClient(port(replica));
	}

	public int port(int replica) {
		return Integer.parseInt(this.contexts.get(replica).getEnvironment().getRequiredProperty("local.server.port"));
	}

	public ConfigurableApplicationContext context(int replica) {
		return this.contexts.get(replica);
	}

	/** Whether Redis holds {@code key} under this test's prefix. */
	public boolean hasKey(String key) {
		return Boolean.TRUE
			.equals(this.contexts.get(0).getBean(StringRedisTemplate.class).hasKey(this.keyPrefix + key));
	}

	/** Deletes this test's keys, then stops every replica. */
	@Override
	public void close() {
		if (!this.contexts.isEmpty()) {
			try {
				StringRedisTemplate redis = this.contexts.get(0).getBean(StringRedisTemplate.class);
				Set<String> keys = redis.keys(this.keyPrefix + "*");
				if (keys != null && !keys.isEmpty()) {
					redis.delete(keys);
				}
			}
			catch (RuntimeException ex) {
				// Redis gone (a test stopped it): nothing of ours is left there to delete
			}
		}
		this.contexts.forEach(ConfigurableApplicationContext::close);
		this.contexts.clear();
	}

}
