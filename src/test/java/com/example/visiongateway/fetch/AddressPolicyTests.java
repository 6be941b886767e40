package com.example.visiongateway.fetch;

import java.net.Inet6Address;
import java.net.InetAddress;

import com.example.visiongateway.fetch.AddressPolicy.Category;
import io.netty.util.NetUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Literal addresses only, parsed without any lookup: these tests touch no network at all.
 */
class AddressPolicyTests {

	@ParameterizedTest
	@CsvSource({ "10.0.0.1, PRIVATE", "172.16.5.4, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
			"169.254.169.254, METADATA", "169.254.0.1, LINK_LOCAL", "fd00:ec2::254, METADATA", "fe80::1, LINK_LOCAL",
			"0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED", "100.64.0.1, SHARED",
			"100.127.255.254, SHARED", "127.0.0.1, LOOPBACK", "127.0.0.2, LOOPBACK", "::1, LOOPBACK",
			"224.0.0.1, MULTICAST", "ff02::1, MULTICAST", "255.255.255.255, BROADCAST", "240.0.0.1, RESERVED",
			"192.0.2.10, RESERVED", "198.18.0.1, RESERVED", "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE",
			"fec0::1, PRIVATE", "2001:db8::1, RESERVED", "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED",
			"100::1, RESERVED", "64:ff9b:1::a00:1, PRIVATE" })
	void refusesEverythingButPublicUnicast(String literal, Category expected) {
		assertThat(AddressPolicy.classify(literal(literal))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "::ffff:127.0.0.1, LOOPBACK", "::ffff:10.1.2.3, PRIVATE", "::ffff:169.254.169.254, METADATA",
			"::127.0.0.1, LOOPBACK", "64:ff9b::7f00:1, LOOPBACK", "64:ff9b::a9fe:a9fe, METADATA",
			"2002:7f00:1::1, LOOPBACK", "2002:c0a8:101::1, PRIVATE", "2002:a9fe:a9fe::1, METADATA" })
	void judgesEmbeddedIpv4AddressesByWhatTheyEmbed(String literal, Category expected) {
		assertThat(AddressPolicy.classify(literal(literal))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2606:4700::1111",
			"2a00:1450:4001:80b::200e", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1" })
	void allowsPublicAddresses(String literal) {
		assertThat(AddressPolicy.classify(literal(literal))).isEqualTo(Category.PUBLIC);
	}

	@ParameterizedTest
	@CsvSource({ "::ffff:127.0.0.1", "::ffff:169.254.169.254" })
	void treatsTheJdkFormOfMappedAddressesAlike(String literal) throws Exception {
		// the JDK turns a mapped literal into an Inet4Address; netty keeps the 16 bytes:
		// both must agree
		InetAddress jdk = InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(literal));
		assertThat(AddressPolicy.classify(jdk)).isEqualTo(AddressPolicy.classify(literal(literal)))
			.isNotEqualTo(Category.PUBLIC);
	}

	@Test
	void refusesADeprecatedIpv4CompatibleAddressEvenWhenItEmbedsAPublicOne() throws Exception {
		byte[] compatible = new byte[16];
		System.arraycopy(new byte[] { 8, 8, 8, 8 }, 0, compatible, 12, 4);
		assertThat(AddressPolicy.classify(Inet6Address.getByAddress(null, compatible, -1)))
			.isEqualTo(Category.RESERVED);
	}

	private static InetAddress literal(String text) {
		InetAddress address = NetUtil.createInetAddressFromIpAddressString(text);
		assertThat(address).as("literal %s", text).isNotNull();
		return address;
	}

}
