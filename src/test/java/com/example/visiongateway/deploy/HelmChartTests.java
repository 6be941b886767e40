package com.example.visiongateway.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.example.visiongateway.state.StateProperties;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static com.example.visiongateway.deploy.RenderedChart.at;
import static com.example.visiongateway.deploy.RenderedChart.render;
import static com.example.visiongateway.deploy.RenderedChart.renderWithHooks;
import static com.example.visiongateway.deploy.RenderedChart.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Lints and renders the Helm chart in-process (helm-java bundles the helm library): no
 * cluster, no network.
 */
@SuppressWarnings("unchecked")
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

	@Test
	void keepsStateInEachPodUnlessRedisIsEnabled() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "redis.url", "redis://redis-master:6379",
				"redis.existingSecret", "redis-credentials");

		assertThat((Map<String, Object>) at(chart.one("ConfigMap"), "data")).doesNotContainKeys("VISION_STATE_STORE",
				"SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT");
		assertThat(envNames(container(chart))).doesNotContain("SPRING_DATA_REDIS_PASSWORD");
		assertThat(podEnvironment(chart, "unused").store()).isEqualTo(StateProperties.Store.MEMORY);
	}

	@Test
	void pointsEveryPodAtRedisWithThePasswordOnlyFromTheSecret() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "redis.enabled", true, "redis.url",
				"redis://redis-master.cache:6380/2", "redis.existingSecret", "redis-credentials");
		Map<String, Object> passwordVariable = envVariable(container(chart), "SPRING_DATA_REDIS_PASSWORD");

		assertThat((Map<String, Object>) at(chart.one("ConfigMap"), "data"))
			.containsEntry("VISION_STATE_STORE", "redis")
			.doesNotContainKeys("SPRING_DATA_REDIS_PASSWORD", "SPRING_DATA_REDIS_URL");
		assertThat(passwordVariable).doesNotContainKey("value");
		assertThat(value(passwordVariable, "valueFrom.secretKeyRef"))
			.isEqualTo(Map.of("name", "redis-credentials", "key", "redis-password"));
		PodEnvironment pod = podEnvironment(chart, "s3cret");
		assertThat(pod.store()).isEqualTo(StateProperties.Store.REDIS);
		pod.redis((redis) -> {
			assertThat(redis.getStandalone().getHost()).isEqualTo("redis-master.cache");
			assertThat(redis.getStandalone().getPort()).isEqualTo(6380);
			assertThat(redis.getStandalone().getDatabase()).isEqualTo(2);
			assertThat(redis.getPassword()).isEqualTo("s3cret");
			assertThat(redis.getSslBundle()).isNull();
		});
	}

	@Test
	void connectsWithTlsToARedissUrlOnTheDefaultPortWithoutAPassword() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "redis.enabled", true, "redis.url",
				"rediss://redis.example.internal");

		assertThat(envNames(container(chart))).doesNotContain("SPRING_DATA_REDIS_PASSWORD");
		assertThat((Map<String, Object>) at(chart.one("ConfigMap"), "data"))
			.containsEntry("SPRING_DATA_REDIS_SSL_ENABLED", "true")
			.containsEntry("SPRING_DATA_REDIS_PORT", "6379")
			.doesNotContainKey("SPRING_DATA_REDIS_DATABASE");
		podEnvironment(chart, "unused").redis((redis) -> {
			assertThat(redis.getStandalone().getHost()).isEqualTo("redis.example.internal");
			assertThat(redis.getStandalone().getPort()).isEqualTo(6379);
			assertThat(redis.getPassword()).isNull();
		});
	}

	@Test
	void refusesRedisWithoutAUrlOrWithCredentialsInIt() {
		assertThatException().isThrownBy(() -> render("gemini.apiKey", API_KEY, "redis.enabled", true))
			.withMessageContaining("redis.url");
		assertThatException()
			.isThrownBy(() -> render("gemini.apiKey", API_KEY, "redis.enabled", true, "redis.url",
					"redis://:s3cret@redis-master:6379"))
			.withMessageContaining("url");
		assertThatException().isThrownBy(
				() -> render("gemini.apiKey", API_KEY, "redis.enabled", true, "redis.url", "http://redis-master:6379"))
			.withMessageContaining("url");
	}

	@Test
	void wouldLoseThePasswordIfTheChartPassedAUrl() {
		// Why the chart passes host and port: with spring.data.redis.url set, Boot takes
		// the password from the URL only.
		new PodEnvironment(
				Map.of("SPRING_DATA_REDIS_URL", "redis://redis-master:6379", "SPRING_DATA_REDIS_PASSWORD", "s3cret"))
			.redis((redis) -> assertThat(redis.getPassword()).isNull());
	}

	@Test
	void runsAHelmTestThatCallsReadinessThroughTheService() {
		RenderedChart chart = renderWithHooks("gemini.apiKey", API_KEY, "tests.image.repository", "curlimages/curl",
				"tests.image.tag", "8.17.0");
		Map<String, Object> test = chart.one("Pod");
		Map<String, Object> service = chart.one("Service");
		String readinessPath = at(container(chart), "readinessProbe.httpGet.path");

		assertThat(value(test, "metadata.annotations")).isEqualTo(
				Map.of("helm.sh/hook", "test", "helm.sh/hook-delete-policy", "before-hook-creation,hook-succeeded"));
		assertThat(render("gemini.apiKey", API_KEY).all("Pod")).as("helm keeps hooks out of the release").isEmpty();
		assertThat(value(test, "spec.restartPolicy")).isEqualTo("Never");
		assertThat(value(test, "spec.containers.0.image")).isEqualTo("curlimages/curl:8.17.0");
		List<String> command = at(test, "spec.containers.0.command");
		assertThat(command.get(0)).isEqualTo("wget");
		assertThat(command.get(command.size() - 1)).isEqualTo(
				"http://" + at(service, "metadata.name") + ":" + at(service, "spec.ports.1.port") + readinessPath);
		assertThat(value(service, "spec.ports.1.targetPort")).isEqualTo("management");
		assertThat(readinessPath).isEqualTo("/actuator/health/readiness");
		assertThat(value(test, "spec.securityContext.runAsNonRoot")).isEqualTo(true);
		Map<String, Object> testLabels = at(test, "metadata.labels");
		Map<String, Object> serviceSelector = at(service, "spec.selector");
		assertThat(testLabels.entrySet().containsAll(serviceSelector.entrySet()))
			.as("the Service must not route to the test pod")
			.isFalse();
	}

	@Test
	void rendersNoNetworkPolicyByDefault() {
		assertThat(render("gemini.apiKey", API_KEY).all("NetworkPolicy")).isEmpty();
	}

	@Test
	void admitsTheIngressControllerOnTheApiPortAndPrometheusAndTheTestOnTheManagementPort() {
		RenderedChart chart = renderWithHooks("gemini.apiKey", API_KEY, "networkPolicy.enabled", true,
				"networkPolicy.extraIngressFrom[0].namespaceSelector.matchLabels.team", "vision-callers");
		Map<String, Object> policy = chart.one("NetworkPolicy");
		List<Map<String, Object>> ingress = at(policy, "spec.ingress");
		List<Map<String, Object>> ports = at(container(chart), "ports");
		List<Object> containerPorts = ports.stream().map((port) -> port.get("name")).toList();

		assertThat(value(policy, "spec.podSelector.matchLabels"))
			.isEqualTo(at(chart.one("Deployment"), "spec.selector.matchLabels"));
		assertThat(value(policy, "spec.policyTypes")).isEqualTo(List.of("Ingress", "Egress"));
		assertThat(ingress).hasSize(2);
		assertThat(value(ingress.get(0), "ports")).isEqualTo(List.of(Map.of("port", "http", "protocol", "TCP")));
		assertThat(value(ingress.get(0), "from")).isEqualTo(List.of(
				Map.of("namespaceSelector",
						Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "ingress-nginx")), "podSelector",
						Map.of("matchLabels", Map.of("app.kubernetes.io/name", "ingress-nginx"))),
				Map.of("namespaceSelector", Map.of("matchLabels", Map.of("team", "vision-callers")))));
		assertThat(value(ingress.get(1), "ports")).isEqualTo(List.of(Map.of("port", "management", "protocol", "TCP")));
		assertThat(value(ingress.get(1), "from.0")).isEqualTo(
				Map.of("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", "monitoring")),
						"podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "prometheus"))));
		assertThat(value(ingress.get(1), "from.1.podSelector.matchLabels"))
			.isEqualTo(at(chart.one("Pod"), "metadata.labels"));
		assertThat(containerPorts).contains("http", "management");
	}

	@Test
	void letsThePodsReachOnlyDnsAndGeminiWithoutRedis() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "networkPolicy.enabled", true, "redis.url",
				"redis://redis-master:6379");

		assertThat(egressPorts(chart.one("NetworkPolicy"))).containsExactly("53/UDP", "53/TCP", "443/TCP");
		List<Map<String, Object>> egress = at(chart.one("NetworkPolicy"), "spec.egress");
		assertThat(egress).as("no peers given: any address")
			.allSatisfy((rule) -> assertThat(rule).doesNotContainKey("to"));
	}

	@Test
	void letsThePodsReachRedisOnTheUrlsPortWhenRedisIsEnabled() {
		RenderedChart chart = render("gemini.apiKey", API_KEY, "networkPolicy.enabled", true, "redis.enabled", true,
				"redis.url", "redis://redis-master.cache:6380",
				"networkPolicy.redis.to[0].namespaceSelector.matchLabels.team", "cache");
		Map<String, Object> policy = chart.one("NetworkPolicy");

		assertThat(egressPorts(policy)).containsExactly("53/UDP", "53/TCP", "443/TCP", "6380/TCP");
		assertThat(value(policy, "spec.egress.2.to"))
			.isEqualTo(List.of(Map.of("namespaceSelector", Map.of("matchLabels", Map.of("team", "cache")))));
	}

	private static List<String> egressPorts(Map<String, Object> policy) {
		List<Map<String, Object>> egress = at(policy, "spec.egress");
		return egress.stream()
			.flatMap((rule) -> ((List<Map<String, Object>>) rule.get("ports")).stream())
			.map((port) -> port.get("port") + "/" + port.get("protocol"))
			.toList();
	}

	/**
	 * The environment the gateway's container starts with: the ConfigMap, then the
	 * container's own variables, Secrets resolved to {@code secretValue}.
	 */
	private static PodEnvironment podEnvironment(RenderedChart chart, String secretValue) {
		Map<String, Object> variables = new HashMap<>(at(chart.one("ConfigMap"), "data"));
		for (Map<String, Object> variable : (List<Map<String, Object>>) at(container(chart), "env")) {
			variables.put((String) variable.get("name"),
					variable.containsKey("value") ? variable.get("value") : secretValue);
		}
		return new PodEnvironment(variables);
	}

	private static List<String> envNames(Map<String, Object> container) {
		return ((List<Map<String, Object>>) at(container, "env")).stream()
			.map((variable) -> (String) variable.get("name"))
			.toList();
	}

	private static Map<String, Object> envVariable(Map<String, Object> container, String name) {
		return ((List<Map<String, Object>>) at(container, "env")).stream()
			.filter((variable) -> name.equals(variable.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + name + " in " + at(container, "env")));
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
