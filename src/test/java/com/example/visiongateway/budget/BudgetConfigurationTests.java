package com.example.visiongateway.budget;

import java.time.Duration;

import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
		.withUserConfiguration(BudgetConfiguration.class);

	@Test
	void sizesTheHeapBudgetFromTheHeapAndTheDiskBudgetBelowTheChartsTmp() {
		this.runner.run((context) -> {
			BudgetProperties properties = context.getBean(BudgetProperties.class);
			assertThat(context.getBean(BudgetConfiguration.HEAP, Budget.class).capacity())
				.isEqualTo(Runtime.getRuntime().maxMemory() / 8);
			assertThat(context.getBean(BudgetConfiguration.DECODE, Budget.class).capacity())
				.isEqualTo(Runtime.getRuntime().maxMemory() / 4);
			assertThat(context.getBean(BudgetConfiguration.DISK, Budget.class).capacity())
				.isEqualTo(DataSize.ofMegabytes(1536).toBytes());
			assertThat(properties.maxWait()).isEqualTo(Duration.ofMillis(250));
		});
	}

	@Test
	void measuresEveryBudgetBeanByResourceTheirsIncluded() {
		this.runner.withUserConfiguration(OtherBudget.class)
			.withPropertyValues("vision.budget.heap=2MB", "vision.budget.disk=10MB", "vision.budget.decode=3MB")
			.run((context) -> {
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
				context.getBean(BudgetConfiguration.HEAP, Budget.class).reserve(1000, Duration.ZERO);
				context.getBean(BudgetConfiguration.DECODE, Budget.class).reserve(7, Duration.ZERO);
				context.getBean("otherBudget", Budget.class).reserve(5, Duration.ZERO);

				assertThat(registry.get("vision.budget.used").tag("resource", "heap").gauge().value()).isEqualTo(1000);
				assertThat(registry.get("vision.budget.used").tag("resource", "disk").gauge().value()).isZero();
				assertThat(registry.get("vision.budget.used").tag("resource", "decode").gauge().value()).isEqualTo(7);
				assertThat(registry.get("vision.budget.used").tag("resource", "other").gauge().value()).isEqualTo(5);
				assertThat(registry.get("vision.budget.capacity").tag("resource", "decode").gauge().value())
					.isEqualTo(3 * 1024 * 1024);
				assertThat(registry.get("vision.budget.capacity").tag("resource", "disk").gauge().value())
					.isEqualTo(10 * 1024 * 1024);
			});
	}

	@Test
	void refusesToStartWithBudgetsOutsideTheirRanges() {
		for (String setting : new String[] { "vision.budget.heap=512KB", "vision.budget.disk=-1MB",
				"vision.budget.decode=512KB", "vision.budget.max-wait=-1s", "vision.budget.max-wait=11s" }) {
			this.runner.withPropertyValues(setting).run((context) -> assertThat(context).as(setting).hasFailed());
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class OtherBudget {

		@Bean
		Budget otherBudget() {
			return new Budget("other", 100);
		}

	}

}
