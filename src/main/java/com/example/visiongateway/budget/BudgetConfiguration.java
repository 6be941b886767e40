package com.example.visiongateway.budget;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The shared budgets as beans, injected by name ({@link #HEAP}, {@link #DECODE},
 * {@link #DISK}). Every {@link Budget} bean, these and any other package's, is measured
 * as {@code vision.budget.used} and {@code vision.budget.capacity}, tagged with its
 * resource.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(BudgetProperties.class)
public class BudgetConfiguration {

	/** The heap {@link Budget}'s bean name. */
	public static final String HEAP = "heapBudget";

	/** The temp-disk {@link Budget}'s bean name. */
	public static final String DISK = "diskBudget";

	/** The decoded-pixel {@link Budget}'s bean name. */
	public static final String DECODE = "decodeBudget";

	@Bean(HEAP)
	Budget heapBudget(BudgetProperties properties) {
		return new Budget("heap", properties.heapBytes());
	}

	@Bean(DISK)
	Budget diskBudget(BudgetProperties properties) {
		return new Budget("disk", properties.diskBytes());
	}

	@Bean(DECODE)
	Budget decodeBudget(BudgetProperties properties) {
		return new Budget("decode", properties.decodeBytes());
	}

	@Bean
	MeterBinder budgetMeters(ObjectProvider<Budget> budgets) {
		return (registry) -> budgets.orderedStream().forEach((budget) -> {
			Gauge.builder("vision.budget.used", budget, Budget::used)
				.description("Units of the resource that requests hold now (bytes for heap and disk)")
				.tag("resource", budget.resource())
				.baseUnit("bytes")
				.register(registry);
			Gauge.builder("vision.budget.capacity", budget, Budget::capacity)
				.description("Units of the resource that requests may hold at once")
				.tag("resource", budget.resource())
				.baseUnit("bytes")
				.register(registry);
		});
	}

}
