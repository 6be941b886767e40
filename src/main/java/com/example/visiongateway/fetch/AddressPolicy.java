package com.example.visiongateway.fetch;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Decides whether an address may be fetched from without being allow-listed: only public
 * unicast addresses may. Pure: it looks at the address bytes and never at the network.
 * IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by
 * the address they embed.
 */
final class AddressPolicy {

	private static final byte[] AWS_METADATA_V6 = { (byte) 0xfd, 0x00, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
			0x02, 0x54 };

	private static final int AWS_METADATA_V4 = 0xA9FEA9FE;

	private AddressPolicy() {
	}

	/**
	 * What kind of address this is; only {@link Category#PUBLIC} may be fetched from
	 * unless allow-listed.
	 */
	enum Category {

		PUBLIC("a public address"), LOOPBACK("a loopback address"), PRIVATE("a private network address"),
		SHARED("a carrier-grade NAT address"), LINK_LOCAL("a link-local address"), METADATA("a cloud metadata address"),
		MULTICAST("a multicast address"), UNSPECIFIED("an unspecified address"), BROADCAST("the broadcast address"),
		RESERVED("a reserved or non-routable address");

		private final String description;

		Category(String description) {
			this.description = description;
		}

		String description() {
			return this.description;
		}

	}

	static Category classify(InetAddress address) {
		byte[] bytes = address.getAddress();
		return (bytes.length == 4) ? ipv4(toInt(bytes, 0)) : ipv6(bytes);
	}

	private static Category ipv4(int a) {
		if (a == AWS_METADATA_V4) {
			return Category.METADATA;
		}
		if (a == 0xFFFFFFFF) {
			return Category.BROADCAST;
		}
		if (in(a, 0x00000000, 8)) {
			return Category.UNSPECIFIED;
		}
		if (in(a, 0x0A000000, 8) || in(a, 0xAC100000, 12) || in(a, 0xC0A80000, 16)) {
			return Category.PRIVATE;
		}
		if (in(a, 0x64400000, 10)) {
			return Category.SHARED;
		}
		if (in(a, 0x7F000000, 8)) {
			return Category.LOOPBACK;
		}
		if (in(a, 0xA9FE0000, 16)) {
			return Category.LINK_LOCAL;
		}
		if (in(a, 0xE0000000, 4)) {
			return Category.MULTICAST;
		}
		// IETF protocol assignments, documentation, 6to4 relay, benchmarking, and 240/4
		if (in(a, 0xC0000000, 24) || in(a, 0xC0000200, 24) || in(a, 0xC0586300, 24) || in(a, 0xC6120000, 15)
				|| in(a, 0xC6336400, 24) || in(a, 0xCB007100, 24) || in(a, 0xF0000000, 4)) {
			return Category.RESERVED;
		}
		return Category.PUBLIC;
	}

	private static Category ipv6(byte[] b) {
		if (Arrays.equals(b, AWS_METADATA_V6)) {
			return Category.METADATA;
		}
		if (zero(b, 0, 15)) {
			return (b[15] == 0) ? Category.UNSPECIFIED : (b[15] == 1) ? Category.LOOPBACK : compatible(b);
		}
		if (zero(b, 0, 10) && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
			return ipv4(toInt(b, 12));
		}
		if (zero(b, 0, 12)) {
			return compatible(b);
		}
		int first = u16(b, 0);
		if (first == 0x0064 && u16(b, 2) == 0xFF9B) {
			// 64:ff9b::/96 is the well-known NAT64 prefix; 64:ff9b:1::/48 is for local
			// use
			return zero(b, 4, 12) ? ipv4(toInt(b, 12)) : Category.PRIVATE;
		}
		if (first == 0x2002) {
			return ipv4(toInt(b, 2));
		}
		if ((b[0] & 0xFF) == 0xFF) {
			return Category.MULTICAST;
		}
		if ((first & 0xFFC0) == 0xFE80) {
			return Category.LINK_LOCAL;
		}
		if ((first & 0xFFC0) == 0xFEC0 || (first & 0xFE00) == 0xFC00) {
			return Category.PRIVATE;
		}
		// Teredo hides its client address, documentation is never real; outside 2000::/3
		// nothing is global unicast
		if ((first == 0x2001 && u16(b, 2) == 0x0000) || (first == 0x2001 && u16(b, 2) == 0x0DB8)
				|| (first & 0xE000) != 0x2000) {
			return Category.RESERVED;
		}
		return Category.PUBLIC;
	}

	/**
	 * ::a.b.c.d is deprecated and never routed as such: at best reserved, at worst what
	 * it embeds.
	 */
	private static Category compatible(byte[] b) {
		Category embedded = ipv4(toInt(b, 12));
		return (embedded == Category.PUBLIC) ? Category.RESERVED : embedded;
	}

	private static boolean in(int address, int network, int prefixLength) {
		int mask = -1 << (32 - prefixLength);
		return (address & mask) == network;
	}

	private static boolean zero(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static int u16(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
	}

	private static int toInt(byte[] bytes, int offset) {
		return (u16(bytes, offset) << 16) | u16(bytes, offset + 2);
	}

}
