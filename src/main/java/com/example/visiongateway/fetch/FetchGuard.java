package com.example.visiongateway.fetch;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.netty.util.NetUtil;

/**
 * Where the gateway may fetch from. A host listed in {@code vision.fetch.allowed-hosts}
 * may be anything; any other host must be neither a known metadata name nor resolve to an
 * address that {@link AddressPolicy} refuses. IP literals are checked before any
 * connection, since the HTTP client connects to them without asking a resolver; names are
 * checked by {@link VettingResolverGroup} on the very addresses the connection then uses.
 * Hosts are normalized as {@link FetchTarget#normalize(String)} does.
 */
final class FetchGuard {

	/** Names that reach a cloud provider's metadata service from inside its network. */
	private static final Set<String> METADATA_NAMES = Set.of("metadata", "metadata.google.internal", "metadata.goog",
			"instance-data", "instance-data.ec2.internal");

	private final Set<String> allowedNames = new HashSet<>();

	/**
	 * IP entries also match other spellings of the same address ({@code ::1} and
	 * {@code 0:0:0:0:0:0:0:1}).
	 */
	private final List<byte[]> allowedAddresses = new ArrayList<>();

	FetchGuard(Collection<String> allowedHosts) {
		for (String entry : allowedHosts) {
			String host = FetchTarget.normalize(entry);
			if (host.isEmpty()) {
				continue;
			}
			this.allowedNames.add(host);
			byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
			if (literal != null) {
				this.allowedAddresses.add(literal);
			}
		}
	}

	/**
	 * Why the host may not be fetched, judged without the network; empty when it may be,
	 * or when only its addresses can tell.
	 */
	Optional<String> refusal(String host) {
		if (allowed(host)) {
			return Optional.empty();
		}
		if (METADATA_NAMES.contains(host)) {
			return Optional.of("it is a cloud metadata host");
		}
		InetAddress literal = NetUtil.createInetAddressFromIpAddressString(host);
		return (literal != null) ? refusal(literal, "it is ") : Optional.empty();
	}

	/** Every address a name resolves to must be acceptable, not just the first one. */
	Optional<String> refusal(String host, List<InetAddress> addresses) {
		Optional<String> byName = refusal(host);
		if (byName.isPresent() || allowed(host)) {
			return byName;
		}
		return addresses.stream()
			.map((address) -> refusal(address, "it resolves to "))
			.flatMap(Optional::stream)
			.findFirst();
	}

	/**
	 * Whether the host is allow-listed, and so may be fetched whatever it resolves to and
	 * on any port.
	 */
	boolean allowed(String host) {
		if (this.allowedNames.contains(host)) {
			return true;
		}
		byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
		return literal != null && this.allowedAddresses.stream().anyMatch((allowed) -> Arrays.equals(allowed, literal));
	}

	private static Optional<String> refusal(InetAddress address, String wording) {
		AddressPolicy.Category category = AddressPolicy.classify(address);
		return (category != AddressPolicy.Category.PUBLIC) ? Optional.of(wording + category.description())
				: Optional.empty();
	}

}
