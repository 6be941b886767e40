package com.example.visiongateway.fetch;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway fetches {@code imageUrls}. The byte limit is the upload one,
 * {@code vision.limits.max-image-size}.
 *
 * @param allowedHosts host names or IP addresses (as written in the URL) that may be
 * fetched even though they resolve to loopback, private, link-local or metadata
 * addresses; empty by default
 * @param maxRedirects redirects followed per URL, each hop checked again
 * @param connectTimeout TCP connect timeout of one hop
 * @param timeout the whole fetch of one URL: every hop, headers and body
 * @param allowedPorts the ports fetched from on hosts that are not in
 * {@code allowedHosts} (those may use any port); 80 and 443 by default, so the gateway
 * cannot be used to probe other services of a public host
 */
@ConfigurationProperties("vision.fetch")
@Validated
public record FetchProperties(@DefaultValue List<String> allowedHosts,
		@DefaultValue("3") @Min(0) @Max(10) int maxRedirects, @DefaultValue("5s") @NotNull Duration connectTimeout,
		@DefaultValue("20s") @NotNull Duration timeout, @DefaultValue( {
				"80", "443" }) List<@Min(1) @Max(65535) Integer> allowedPorts){

	public FetchProperties {
		allowedHosts = List.copyOf(allowedHosts);
		allowedPorts = List.copyOf(allowedPorts);
	}

}
