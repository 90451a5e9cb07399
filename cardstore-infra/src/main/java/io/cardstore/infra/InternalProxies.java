package io.cardstore.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The value of {@code server.tomcat.remoteip.internal-proxies}: a Java regular expression
 * that Tomcat matches against the whole address a request comes from, and that must match
 * the load balancer's addresses only, or anyone could claim any client address or HTTPS
 * through {@code X-Forwarded-*} headers.
 */
final class InternalProxies {

	private InternalProxies() {
	}

	/**
	 * An expression matching exactly the IPv4 addresses of these CIDR blocks, whose
	 * prefix lengths must be whole octets (the subnets of a VPC built with {@code /24}
	 * masks, say).
	 */
	static String matching(List<String> cidrBlocks) {
		if (cidrBlocks.isEmpty()) {
			throw new IllegalArgumentException("No CIDR block to trust");
		}
		return cidrBlocks.stream().map(InternalProxies::matching).distinct().collect(Collectors.joining("|"));
	}

	private static String matching(String cidrBlock) {
		String[] addressAndLength = cidrBlock.split("/");
		int length = Integer.parseInt(addressAndLength[1]);
		String[] octets = addressAndLength[0].split("\\.");
		if (octets.length != 4 || length % 8 != 0 || length == 0) {
			throw new IllegalArgumentException("Not an IPv4 block of whole octets: " + cidrBlock);
		}
		List<String> parts = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			parts.add((i < length / 8) ? octets[i] : "\\d{1,3}");
		}
		return String.join("\\.", parts);
	}

}
