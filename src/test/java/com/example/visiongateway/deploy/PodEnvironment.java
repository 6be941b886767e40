package com.example.visiongateway.deploy;

import java.util.Map;
import java.util.function.Consumer;

import com.example.visiongateway.state.StateProperties;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Environment variables as a container would receive them (from a chart or a compose
 * file), read by Spring Boot exactly as the gateway reads its own environment: relaxed
 * binding from the system environment. Nothing connects: Lettuce opens connections on
 * first use.
 */
record PodEnvironment(Map<String, Object> variables) {

	/** The store {@code vision.state.store} binds to. */
	StateProperties.Store store() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source());
		return Binder.get(environment).bindOrCreate("vision.state", StateProperties.class).store();
	}

	/** The Redis connection Boot's auto-configuration derives from the variables. */
	void redis(Consumer<DataRedisConnectionDetails> assertions) {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(source()))
			.run((context) -> assertions.accept(context.getBean(DataRedisConnectionDetails.class)));
	}

	private SystemEnvironmentPropertySource source() {
		return new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				this.variables);
	}

}
