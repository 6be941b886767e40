package com.example.visiongateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.example.visiongateway.deploy.RenderedChart.at;
import static com.example.visiongateway.deploy.RenderedChart.render;
import static com.example.visiongateway.deploy.RenderedChart.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Lints and renders the Helm chart in-process (helm-java bundles the helm library): no
 * cluster, no network.
 */
class HelmChartTests {

	private static final String API_KEY = "test-gemini-key";

	private static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	@Test
	void lintsCleanWithDefaultValuesAndAnApiKey(@TempDir Path copy) throws IOException {
		copyChart(copy);
		Path values = copy.resolve("values.yaml");
		String defaults = Files.readString(values);
		assertThat(defaults).contains("  apiKey: \"\"\n");
		Files.writeString(values, defaults.replace("  apiKey: \"\"\n", "  apiKey: \"" + API_KEY + "\"\n"));

		LintResult lint = new Helm(copy).lint().strict().call();

		assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
		assertThat(lint.getMessages())
			.noneMatch((message) -> message.contains("[WARNING]") || message.contains("[ERROR]"));
	}

	@Test
	void failsWithoutAnApiKeyNamingGeminiApiKey() {
		assertThatException().isThrownBy(RenderedChart::render).withMessageContaining("GEMINI_API_KEY");
	}

	@Test
	void rejectsValuesThatBreakTheSchema() {
		assertThatException().isThrownBy(() -> render("gemini.apiKey", API_KEY, "image.pullPolicy", "Sometimes"))
			.withMessageContaining("pullPolicy");
		assertThatException().isThrownBy(() -> render("gemini.apiKey", API_KEY, "config.vision_tasks_concurrency", "4"))
			.withMessageContaining("vision_tasks_concurrency");
	}

	@Test
	void rendersTheDefaultsWithOneReplicaAndNoOptionalResources() {
		RenderedChart chart = render("gemini.apiKey", API_KEY);

		assertThat(chart.manifests()).extracting((manifest) -> manifest.get("kind"))
			.containsExactlyInAnyOrder("ServiceAccount", "Secret", "ConfigMap", "Service", "Deployment");
		assertThat(value(chart.one("Deployment"), "spec.replicas")).isEqualTo(1);
		assertThat(value(chart.one("Service"), "spec.type")).isEqualTo("ClusterIP");
		assertThat(value(chart.one("Service"), "spec.ports.0.port")).isEqualTo(80);
		assertThat(value(chart.one("Service"), "spec.ports.0.targetPort")).isEqualTo("http");
	}

	@Test
	void probesTheHealthGroupsOnTheManagementPort() {
		// Changed by issue 13 (item 7): Actuator moved off the API port.
		RenderedChart chart = render("gemini.apiKey", API_KEY);
		Map<String, Object> container = container(chart);

		assertThat(value(container, "ports.0.containerPort")).isEqualTo(8080);
		assertThat(value(container, "ports.0.name")).isEqualTo("http");
		assertThat(value(container, "ports.1.containerPort")).isEqualTo(9090);
		assertThat(value(container, "ports.1.name")).isEqualTo("management");
		assertThat(value(chart.one("ConfigMap"), "data.MANAGEMENT_SERVER_PORT")).isEqualTo("9090");
		assertThat(value(container, "startupProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(value(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(value(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		assertThat(value(container, "readinessProbe.httpGet.port")).isEqualTo("management");
		assertThat(value(container, "livenessProbe.httpGet.port")).isEqualTo("management");
		assertThat(value(chart.one("Service"), "spec.ports.1.name")).isEqualTo("management");
		assertThat(value(chart.one("Service"), "spec.ports.1.targetPort")).isEqualTo("management");
	}

	@Test
	void runsNonRootWithAReadOnlyRootFilesystemAndOnlyTmpWritable() {
		Map<String, Object> deployment = render("gemini.apiKey", API_KEY).one("Deployment");
		Map<String, Object> pod = at(deployment, "spec.template.spec");
		Map<String, Object> container = at(pod, "containers.0");

		assertThat(value(pod, "automountServiceAccountToken")).isEqualTo(false);
		assertThat(value(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
		assertThat(value(pod, "securityContext.runAsUser")).isEqualTo(10001);
		assertThat(value(pod, "securityContext.fsGroup")).isEqualTo(10001);
		assertThat(value(pod, "securityContext.seccompProfile.type")).isEqualTo("RuntimeDefault");
		assertThat(value(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(value(container, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
		assertThat(value(container, "securityContext.capabilities.drop")).isEqualTo(List.of("ALL"));
		assertThat(value(container, "volumeMounts")).isEqualTo(List.of(Map.of("name", "tmp", "mountPath", "/tmp")));
		assertThat(value(pod, "volumes"))
			.isEqualTo(List.of(Map.of("name", "tmp", "emptyDir", Map.of("sizeLimit", "2Gi"))));
	}

	@Test
	void givesTheGracefulShutdownTimeBeforeTheKill() {
		Map<String, Object> pod = at(render("gemini.apiKey", API_KEY).one("Deployment"), "spec.template.spec");
		List<String> preStop = at(pod, "containers.0.lifecycle.preStop.exec.command");
		int preStopSeconds = Integer.parseInt(preStop.get(1));
		int appShutdownSeconds = 30;

		assertThat(preStop.get(0)).isEqualTo("sleep");
		assertThat((Integer) at(pod, "terminationGracePeriodSeconds"))
			.isGreaterThan(preStopSeconds + appShutdownSeconds);
	}

	@Test
	void setsResourceRequestsAndLimits() {
		Map<String, Object> resources = at(container(render("gemini.apiKey", API_KEY)), "resources");

		Map<String, Object> requests = at(resources, "requests");
		Map<String, Object> limits = at(resources, "limits");
		assertThat(requests).containsKeys("cpu", "memory");
		assertThat(limits).containsKeys("cpu", "memory");
		// The heap grows to 75 % of the limit and stays: a smaller request would let the
		// node overcommit.
		assertThat(requests.get("memory")).isEqualTo(limits.get("memory"));
	}

	@Test
	void putsTheKeyInTheSecretAndTheSettingsInTheConfigMap() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "config.VISION_TASKS_CONCURRENCY", 4,
				"config.GEMINI_BASE_URL", "http://127.0.0.1:9");
		Map<String, Object> container = container(chart);

		assertThat(decoded(chart.one("Secret"), "GEMINI_API_KEY")).isEqualTo(API_KEY);
		Map<String, Object> config = at(chart.one("ConfigMap"), "data");
		assertThat(config).containsEntry("VISION_TASKS_CONCURRENCY", "4")
			.containsEntry("GEMINI_BASE_URL", "http://127.0.0.1:9")
			.containsEntry("VISION_UI_ENABLED", "false")
			.containsEntry("SPRINGDOC_APIDOCS_ENABLED", "false")
			.containsEntry("VISION_AUTH_ENABLED", "false")
			.doesNotContainKey("GEMINI_API_KEY");
		assertThat(value(container, "envFrom.0.configMapRef.name")).isEqualTo("gw-vision-gateway");
		assertThat(value(container, "env.0.name")).isEqualTo("GEMINI_API_KEY");
		assertThat(value(container, "env.0.valueFrom.secretKeyRef.name")).isEqualTo("gw-vision-gateway");
		assertThat(value(container, "env.0.valueFrom.secretKeyRef.key")).isEqualTo("GEMINI_API_KEY");
	}

	@Test
	void rollsThePodsWhenSettingsOrTheKeyChange() {
		Map<String, Object> before = podAnnotations(render("gemini.apiKey", API_KEY));
		Map<String, Object> newKey = podAnnotations(render("gemini.apiKey", "another-key"));
		Map<String, Object> newConfig = podAnnotations(render("gemini.apiKey", API_KEY, "ui.enabled", true));

		assertThat(newKey.get("checksum/secret")).isNotEqualTo(before.get("checksum/secret"));
		assertThat(newKey.get("checksum/config")).isEqualTo(before.get("checksum/config"));
		assertThat(newConfig.get("checksum/config")).isNotEqualTo(before.get("checksum/config"));
	}

	@Test
	void storesCallerKeyHashesWhenAuthenticationIsOn() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "auth.enabled", true, "auth.keyHashes[0]", HASH,
				"auth.keyHashes[1]", HASH);
		Map<String, Object> container = container(chart);

		assertThat(decoded(chart.one("Secret"), "VISION_AUTH_KEYHASHES")).isEqualTo(HASH + "," + HASH);
		Map<String, Object> config = at(chart.one("ConfigMap"), "data");
		assertThat(config).containsEntry("VISION_AUTH_ENABLED", "true");
		assertThat(value(container, "env.1.name")).isEqualTo("VISION_AUTH_KEYHASHES");
		assertThat(value(container, "env.1.valueFrom.secretKeyRef.key")).isEqualTo("VISION_AUTH_KEYHASHES");
	}

	@Test
	void refusesAuthenticationWithoutKeyHashes() {
		assertThatException().isThrownBy(() -> render("gemini.apiKey", API_KEY, "auth.enabled", true))
			.withMessageContaining("auth.keyHashes");
	}

	@Test
	void referencesAnExistingSecretInsteadOfRenderingOne() {
		RenderedChart chart = render("existingSecret", "gemini-credentials", "auth.enabled", true);
		Map<String, Object> container = container(chart);

		assertThat(chart.all("Secret")).isEmpty();
		assertThat(value(container, "env.0.valueFrom.secretKeyRef.name")).isEqualTo("gemini-credentials");
		assertThat(value(container, "env.0.valueFrom.secretKeyRef.key")).isEqualTo("GEMINI_API_KEY");
		assertThat(value(container, "env.1.valueFrom.secretKeyRef.name")).isEqualTo("gemini-credentials");
		assertThat(podAnnotations(chart)).containsKey("checksum/config").doesNotContainKey("checksum/secret");
	}

	@Test
	void leavesReplicasToTheAutoscalerWhenAutoscaling() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "autoscaling.enabled", true, "autoscaling.minReplicas",
				3, "autoscaling.maxReplicas", 7, "autoscaling.targetMemoryUtilizationPercentage", 80);
		Map<String, Object> hpa = chart.one("HorizontalPodAutoscaler");

		Map<String, Object> deploymentSpec = at(chart.one("Deployment"), "spec");
		assertThat(deploymentSpec).doesNotContainKey("replicas");
		assertThat(value(hpa, "apiVersion")).isEqualTo("autoscaling/v2");
		assertThat(value(hpa, "spec.scaleTargetRef.name")).isEqualTo("gw-vision-gateway");
		assertThat(value(hpa, "spec.minReplicas")).isEqualTo(3);
		assertThat(value(hpa, "spec.maxReplicas")).isEqualTo(7);
		List<Map<String, Object>> metrics = at(hpa, "spec.metrics");
		assertThat(metrics)
			.extracting(
					(metric) -> at(metric, "resource.name") + "=" + at(metric, "resource.target.averageUtilization"))
			.containsExactly("cpu=75", "memory=80");
	}

	@Test
	void rendersADisruptionBudgetOnlyWhenMoreThanOnePodRuns() {
		assertThat(render("gemini.apiKey", API_KEY).all("PodDisruptionBudget")).isEmpty();
		assertThat(render("gemini.apiKey", API_KEY, "autoscaling.enabled", true, "autoscaling.minReplicas", 1)
			.all("PodDisruptionBudget")).isEmpty();
		assertThat(render("gemini.apiKey", API_KEY, "replicaCount", 3, "podDisruptionBudget.enabled", false)
			.all("PodDisruptionBudget")).isEmpty();

		Map<String, Object> fixed = render("gemini.apiKey", API_KEY, "replicaCount", 2).one("PodDisruptionBudget");
		Map<String, Object> scaled = render("gemini.apiKey", API_KEY, "autoscaling.enabled", true)
			.one("PodDisruptionBudget");

		assertThat(value(fixed, "apiVersion")).isEqualTo("policy/v1");
		assertThat(value(fixed, "spec.minAvailable")).isEqualTo(1);
		assertThat(value(fixed, "spec.selector.matchLabels"))
			.isEqualTo(at(render("gemini.apiKey", API_KEY).one("Deployment"), "spec.selector.matchLabels"));
		assertThat(value(scaled, "spec.minAvailable")).isEqualTo(1);
	}

	@Test
	void liftsTheProxyBodyLimitAndTimeoutsOnTheIngress() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "ingress.enabled", true, "ingress.className", "nginx",
				"ingress.hosts[0].host", "vision.internal", "ingress.hosts[0].paths[0].path", "/",
				"ingress.hosts[0].paths[0].pathType", "Prefix", "ingress.tls[0].secretName", "vision-tls",
				"ingress.tls[0].hosts[0]", "vision.internal");
		Map<String, Object> ingress = chart.one("Ingress");

		assertThat(value(ingress, "apiVersion")).isEqualTo("networking.k8s.io/v1");
		Map<String, String> annotations = at(ingress, "metadata.annotations");
		assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/proxy-body-size", "1g")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-request-buffering", "off");
		assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
			.as("proxy read timeout, seconds, against the gateway's 10 minute async timeout")
			.isGreaterThanOrEqualTo(600);
		assertThat(annotations.get("nginx.ingress.kubernetes.io/proxy-send-timeout"))
			.isEqualTo(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout"));
		assertThat(value(ingress, "spec.ingressClassName")).isEqualTo("nginx");
		assertThat(value(ingress, "spec.rules.0.host")).isEqualTo("vision.internal");
		assertThat(value(ingress, "spec.rules.0.http.paths.0.backend.service.name")).isEqualTo("gw-vision-gateway");
		assertThat(value(ingress, "spec.rules.0.http.paths.0.backend.service.port.number")).isEqualTo(80);
		assertThat(value(ingress, "spec.tls.0.secretName")).isEqualTo("vision-tls");
	}

	@Test
	void scrapesThePrometheusEndpointWithAServiceMonitor() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "serviceMonitor.enabled", true,
				"serviceMonitor.labels.release", "prometheus");
		Map<String, Object> monitor = chart.one("ServiceMonitor");

		assertThat(value(monitor, "apiVersion")).isEqualTo("monitoring.coreos.com/v1");
		assertThat(value(monitor, "metadata.labels.release")).isEqualTo("prometheus");
		assertThat(value(monitor, "spec.endpoints.0.path")).isEqualTo("/actuator/prometheus");
		assertThat(value(monitor, "spec.endpoints.0.port")).isEqualTo("management");
		assertThat(value(monitor, "spec.selector.matchLabels")).isEqualTo(at(chart.one("Service"), "spec.selector"));
	}

	private static Map<String, Object> container(RenderedChart chart) {
		return at(chart.one("Deployment"), "spec.template.spec.containers.0");
	}

	private static Map<String, Object> podAnnotations(RenderedChart chart) {
		return at(chart.one("Deployment"), "spec.template.metadata.annotations");
	}

	private static String decoded(Map<String, Object> secret, String key) {
		return new String(Base64.getDecoder().decode((String) at(secret, "data." + key)), StandardCharsets.UTF_8);
	}

	private static void copyChart(Path target) throws IOException {
		try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path copy = target.resolve(RenderedChart.CHART.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
	}

}
