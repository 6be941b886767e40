package com.example.visiongateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static com.example.visiongateway.deploy.RenderedChart.at;
import static com.example.visiongateway.deploy.RenderedChart.render;
import static com.example.visiongateway.deploy.RenderedChart.value;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's PrometheusRule: every expression reads series the gateway really exports
 * (named by Micrometer's Prometheus registry), scoped to the release, and every alert is
 * the one docs/operations.md describes.
 */
class PrometheusRuleTests {

	private static final String API_KEY = "test-gemini-key";

	private static final String RELEASE_SERIES = "namespace=\"vision\",job=\"gw-vision-gateway\"";

	/** A metric name followed by its label matchers. */
	private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");

	private static final Pattern IDENTIFIER_WITH_UNDERSCORE = Pattern
		.compile("(?<![\\w\"])([a-zA-Z][a-zA-Z0-9]*_[a-zA-Z0-9_]*)(?![\\w\"])");

	/** Series other exporters provide: kube-state-metrics' pod readiness. */
	private static final Set<String> CLUSTER_SERIES = Set.of("kube_pod_status_ready");

	@Test
	void rendersNoRuleByDefault() {
		assertThat(render("gemini.apiKey", API_KEY).all("PrometheusRule")).isEmpty();
	}

	@Test
	void everyCataloguedMeterIsOneTheGatewayRegisters() {
		String sources = ExportedMetrics.mainSources();

		assertThat(ExportedMetrics.GATEWAY_METERS)
			.allSatisfy((meter) -> assertThat(sources).contains("\"" + meter.name() + "\""));
	}

	@Test
	void readsOnlySeriesTheGatewayAndKubeStateMetricsExport() {
		Set<String> exported = ExportedMetrics.seriesNames();
		List<String> expressions = expressions(rule("redis.enabled", true, "redis.url", "redis://redis-master:6379"));

		assertThat(exported).contains("vision_requests_seconds_count", "vision_requests_seconds_bucket",
				"gemini_calls_queued", "resilience4j_circuitbreaker_state", "vision_state_fallbacks_total",
				"vision_budget_used_bytes", "http_server_requests_seconds_count");
		assertThat(expressions).isNotEmpty().allSatisfy((expression) -> {
			List<String> metrics = metrics(expression);
			assertThat(metrics).as(expression).isNotEmpty();
			assertThat(metrics).as(expression)
				.allSatisfy((metric) -> assertThat(CLUSTER_SERIES.contains(metric) || exported.contains(metric))
					.as("%s is exported", metric)
					.isTrue());
			assertThat(identifiersWithUnderscores(expression)).as("every series is read through a selector")
				.allSatisfy((name) -> assertThat(metrics).contains(name));
			assertThat(count(expression, '{')).isEqualTo(count(expression, '}'));
			assertThat(count(expression, '(')).isEqualTo(count(expression, ')'));
		});
	}

	@Test
	void scopesTheGatewaysSeriesToTheRelease() {
		List<String> expressions = expressions(rule());

		assertThat(selectors(expressions, false)).isNotEmpty()
			.allSatisfy((matchers) -> assertThat(matchers).startsWith(RELEASE_SERIES));
		assertThat(selectors(expressions, true))
			.containsExactly("namespace=\"vision\",pod=~\"gw-vision-gateway-.*\",condition=\"false\"");
		assertThat(selectors(expressions(rule("prometheusRule.seriesSelector", "service=\"vision\"")), false))
			.allSatisfy((matchers) -> assertThat(matchers).startsWith("service=\"vision\"").doesNotContain("job="));
	}

	@Test
	void alertsOnRedisFallbacksOnlyWhenRedisIsEnabled() {
		assertThat(alertNames(rule())).doesNotContain("VisionGatewaySharedStateFallback")
			.contains("VisionGatewayCircuitOpen", "VisionGatewayUpstreamFailing");
		Map<String, Object> fallback = alert(rule("redis.enabled", true, "redis.url", "redis://redis-master:6379"),
				"VisionGatewaySharedStateFallback");

		assertThat((String) at(fallback, "expr")).contains("vision_state_fallbacks_total{" + RELEASE_SERIES);
	}

	@Test
	void takesThresholdsAndLabelsFromValues() {
		Map<String, Object> rule = rule("prometheusRule.upstreamErrorPercent", 20, "prometheusRule.latencySeconds", 30,
				"prometheusRule.budgetPercent", 80, "prometheusRule.labels.release", "kube-prometheus-stack",
				"prometheusRule.additionalAlertLabels.team", "vision");

		assertThat(value(rule, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(value(rule, "metadata.labels.release")).isEqualTo("kube-prometheus-stack");
		assertThat(((String) at(alert(rule, "VisionGatewayUpstreamFailing"), "expr")).strip()).endsWith("> 20");
		assertThat(((String) at(alert(rule, "VisionGatewaySlow"), "expr")).strip()).endsWith("> 30");
		assertThat(((String) at(alert(rule, "VisionGatewayBudgetNearlySpent"), "expr")).strip()).endsWith("> 80");
		assertThat(alerts(rule)).allSatisfy((alert) -> {
			assertThat(value(alert, "labels.team")).isEqualTo("vision");
			assertThat(value(alert, "labels.severity")).isIn("warning", "critical");
		});
	}

	@Test
	void documentsEveryAlertInOperations() throws IOException {
		String operations = Files.readString(Path.of("docs/operations.md"));

		assertThat(alertNames(rule("redis.enabled", true, "redis.url", "redis://redis-master:6379")))
			.allSatisfy((name) -> assertThat(operations).contains("`" + name + "`"));
	}

	private static Map<String, Object> rule(Object... values) {
		List<Object> all = new ArrayList<>(List.of("gemini.apiKey", API_KEY, "prometheusRule.enabled", true));
		all.addAll(List.of(values));
		return render(all.toArray()).one("PrometheusRule");
	}

	private static List<Map<String, Object>> alerts(Map<String, Object> rule) {
		return at(rule, "spec.groups.0.rules");
	}

	private static Map<String, Object> alert(Map<String, Object> rule, String name) {
		return alerts(rule).stream()
			.filter((alert) -> name.equals(alert.get("alert")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No alert " + name));
	}

	private static List<String> alertNames(Map<String, Object> rule) {
		return alerts(rule).stream().map((alert) -> (String) alert.get("alert")).toList();
	}

	private static List<String> expressions(Map<String, Object> rule) {
		return alerts(rule).stream().map((alert) -> (String) alert.get("expr")).toList();
	}

	private static List<String> metrics(String expression) {
		List<String> names = new ArrayList<>();
		Matcher matcher = SELECTOR.matcher(expression);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	/** The label matchers of the gateway's series, or of the cluster's. */
	private static List<String> selectors(List<String> expressions, boolean cluster) {
		List<String> matchers = new ArrayList<>();
		for (String expression : expressions) {
			Matcher matcher = SELECTOR.matcher(expression);
			while (matcher.find()) {
				if (CLUSTER_SERIES.contains(matcher.group(1)) == cluster) {
					matchers.add(matcher.group(2).strip());
				}
			}
		}
		return matchers;
	}

	/**
	 * Names with an underscore outside label matchers: series names, and the functions
	 * below.
	 */
	private static List<String> identifiersWithUnderscores(String expression) {
		String outsideMatchers = expression.replaceAll("\\{[^}]*}", "{}");
		List<String> names = new ArrayList<>();
		Matcher matcher = IDENTIFIER_WITH_UNDERSCORE.matcher(outsideMatchers);
		while (matcher.find()) {
			if (!matcher.group(1).equals("histogram_quantile")) {
				names.add(matcher.group(1));
			}
		}
		return names;
	}

	private static long count(String text, char character) {
		return text.chars().filter((c) -> c == character).count();
	}

}
