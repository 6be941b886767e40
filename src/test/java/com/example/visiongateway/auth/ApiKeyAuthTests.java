package com.example.visiongateway.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ApiKeyAuthTests {

	private static final String ALICE_KEY = "alice-secret-key";

	private static final String BOB_KEY = "bob-secret-key";

	@Test
	void hashesKeysAsLowerCaseSha256Hex() {
		// FIPS 180-2 test vector for "abc".
		assertThat(ApiKeys.sha256Hex("abc"))
			.isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void identifiesEachConfiguredKeyByItsName() {
		ApiKeys keys = ApiKeys
			.parse(List.of("alice:" + ApiKeys.sha256Hex(ALICE_KEY), "bob:" + ApiKeys.sha256Hex(BOB_KEY)));

		assertThat(keys.identify(ALICE_KEY)).contains("alice");
		assertThat(keys.identify(BOB_KEY)).contains("bob");
		assertThat(keys.identify("mallory")).isEmpty();
		assertThat(keys.identify(ApiKeys.sha256Hex(ALICE_KEY))).as("the digest itself is not a key").isEmpty();
		assertThat(keys.identify(ALICE_KEY.toUpperCase())).isEmpty();
	}

	@Test
	void namesAnUnnamedKeyAfterTheStartOfItsDigest() {
		String digest = ApiKeys.sha256Hex(ALICE_KEY);

		ApiKeys keys = ApiKeys.parse(List.of("  " + digest + " "));

		assertThat(keys.names()).containsExactly("key-" + digest.substring(0, 8));
		assertThat(keys.identify(ALICE_KEY)).contains("key-" + digest.substring(0, 8));
	}

	@Test
	void refusesDigestsThatAreNotLowerCaseSha256Hex() {
		String digest = ApiKeys.sha256Hex(ALICE_KEY);
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of(digest.toUpperCase())))
			.withMessageContaining("vision.auth.key-hashes[0]");
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of("ok", digest.substring(1))))
			.withMessageContaining("vision.auth.key-hashes[0]");
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of(digest, ALICE_KEY)))
			.withMessageContaining("vision.auth.key-hashes[1]")
			.withMessageNotContaining(ALICE_KEY);
	}

	@Test
	void refusesBadAndDuplicateNames() {
		String a = ApiKeys.sha256Hex(ALICE_KEY);
		String b = ApiKeys.sha256Hex(BOB_KEY);
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of("team:a:" + a)))
			.withMessageContaining("name");
		assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.parse(List.of("ops:" + a, "ops:" + b)))
			.withMessageContaining("'ops' is used twice");
	}

	@Test
	void comparesWithEveryDigestWhateverWhereTheMatchIs() {
		List<String> entries = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			entries.add("k" + i + ":" + ApiKeys.sha256Hex("key-" + i));
		}
		int[] comparisons = new int[1];
		ApiKeys counting = ApiKeys.parse(entries, (a, b) -> {
			comparisons[0]++;
			return MessageDigest.isEqual(a, b);
		});

		for (String presented : List.of("key-0", "key-4", "nobody")) {
			comparisons[0] = 0;
			Optional<String> name = counting.identify(presented);
			assertThat(comparisons[0]).as(presented).isEqualTo(5);
			assertThat(name)
				.isEqualTo(presented.equals("nobody") ? Optional.empty() : Optional.of("k" + presented.substring(4)));
		}
	}

	@Test
	void readsTheKeyFromXApiKeyOrABearerAuthorization() {
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("X-API-Key", " k1 ")))).contains("k1");
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("Authorization", "Bearer k2")))).contains("k2");
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("Authorization", "bearer   k3")))).contains("k3");
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("X-API-Key", "k1", "Authorization", "Bearer k2"))))
			.contains("k1");
	}

	@Test
	void treatsBlankAndNonBearerCredentialsAsNoKey() {
		assertThat(ApiKeyFilter.presentedKey(request(Map.of()))).isEmpty();
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("X-API-Key", "  ")))).isEmpty();
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("Authorization", "Bearer ")))).isEmpty();
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("Authorization", "Basic YTpi")))).isEmpty();
		assertThat(ApiKeyFilter.presentedKey(request(Map.of("Authorization", "Bearerk")))).isEmpty();
	}

	@Test
	void keepsOnlyHealthApiDocsAndThePlaygroundPublic() {
		// Changed by issue 13 (item 7): metrics and info need a key on the API port.
		PublicPaths paths = PublicPaths.of("/v3/api-docs", "/swagger-ui.html");

		assertThat(List.of("/actuator/health", "/actuator/health/readiness", "/v3/api-docs",
				"/v3/api-docs/swagger-config", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/index.html", "/",
				"/index.html", "/playground.js", "/playground.css", "/favicon.svg"))
			.allMatch(paths::matches);
		assertThat(List.of("/v1/files", "/playground.jsx", "/static/playground.js", "/v1/vision/caption", "/actuator",
				"/actuator/prometheus", "/actuator/info", "/actuator/healthx", "/actuatorx", "/v3/api-docsx", "/error",
				"/swagger-ui.htmlx", "/v1/actuator/health"))
			.noneMatch(paths::matches);
	}

	@Test
	void bindsKeyHashesFromACommaSeparatedEnvironmentVariable() {
		String a = ApiKeys.sha256Hex(ALICE_KEY);
		String b = ApiKeys.sha256Hex(BOB_KEY);
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
							Map.of("VISION_AUTH_ENABLED", "true", "VISION_AUTH_KEYHASHES", "alice:" + a + "," + b,
									"VISION_AUTH_REQUESTSPERMINUTE", "60")));

		AuthProperties properties = new Binder(ConfigurationPropertySources.get(environment))
			.bindOrCreate("vision.auth", AuthProperties.class);

		assertThat(properties.enabled()).isTrue();
		assertThat(properties.keyHashes()).containsExactly("alice:" + a, b);
		assertThat(properties.requestsPerMinute()).isEqualTo(60);
		assertThat(properties.imagesPerMinute()).isZero();
	}

	@Test
	void isOffByDefaultAndRefusesHalfConfiguredSetups() {
		AuthProperties defaults = new Binder(ConfigurationPropertySources.get(new StandardEnvironment()))
			.bindOrCreate("vision.auth", AuthProperties.class);
		assertThat(defaults.enabled()).isFalse();
		assertThat(defaults.keyHashes()).isEmpty();

		assertThatIllegalArgumentException().isThrownBy(() -> new AuthProperties(true, List.of(), 0, 0))
			.withMessageContaining("vision.auth.key-hashes");
		assertThatIllegalArgumentException().isThrownBy(() -> new AuthProperties(false, List.of(), 10, 0))
			.withMessageContaining("vision.auth.enabled=true");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new AuthProperties(true, List.of(ApiKeys.sha256Hex("k")), 0, -1))
			.withMessageContaining("vision.auth.images-per-minute");
	}

	private static MockHttpServletRequest request(Map<String, String> headers) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/vision/caption");
		headers.forEach(request::addHeader);
		return request;
	}

}
