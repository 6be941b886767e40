package com.example.visiongateway.fetch;

import java.net.InetAddress;
import java.util.List;

import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pure checks on names and literal addresses; no lookups. */
class FetchGuardTests {

	private final FetchGuard defaults = new FetchGuard(List.of());

	@Test
	void leavesPublicNamesToTheResolverCheck() {
		assertThat(this.defaults.refusal("images.example.com")).isEmpty();
	}

	@Test
	void refusesMetadataNamesInAnySpelling() {
		for (String host : List.of("metadata", "metadata.google.internal", "metadata.goog")) {
			assertThat(this.defaults.refusal(host)).hasValue("it is a cloud metadata host");
		}
	}

	@Test
	void refusesANameWhenAnyOfItsAddressesIsPrivate() {
		assertThat(this.defaults.refusal("cdn.example.com", List.of(address("93.184.216.34"), address("10.0.0.7"))))
			.hasValue("it resolves to a private network address");
		assertThat(this.defaults.refusal("cdn.example.com", List.of(address("93.184.216.34")))).isEmpty();
	}

	@Test
	void letsAllowListedHostsThroughWhateverTheyResolveTo() {
		FetchGuard guard = new FetchGuard(List.of(" Internal.Example. ", "[::1]", "10.0.0.5"));
		assertThat(guard.refusal("internal.example", List.of(address("10.1.2.3")))).isEmpty();
		assertThat(guard.refusal("0:0:0:0:0:0:0:1")).isEmpty();
		assertThat(guard.refusal("10.0.0.5")).isEmpty();
		assertThat(guard.refusal("10.0.0.6")).hasValue("it is a private network address");
		assertThat(guard.refusal("other.example", List.of(address("10.0.0.5"))))
			.hasValue("it resolves to a private network address");
	}

	private static InetAddress address(String literal) {
		return NetUtil.createInetAddressFromIpAddressString(literal);
	}

}
