package dev.hsts.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever asking DNS. */
final class InetAddresses {

	private InetAddresses() {
	}

	/**
	 * Parses a dotted-quad IPv4 or an IPv6 literal (without brackets).
	 * @param literal the literal
	 * @return the address
	 * @throws IllegalArgumentException if it is not such a literal
	 */
	static InetAddress parseLiteral(String literal) {
		if (!HostNames.isDottedQuad(literal) && !HostNames.hasIpv6Form(literal)) {
			throw new IllegalArgumentException("it is not an IP address");
		}
		char first = literal.charAt(0);
		if (first != ':' && Character.digit(first, 16) < 0) {
			// InetAddress would take it for a name and ask DNS.
			throw new IllegalArgumentException("it is not an IP address");
		}
		try {
			// Only literals reach this point, so InetAddress parses them and never resolves a name.
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("it is not a valid IP address");
		}
	}

}
