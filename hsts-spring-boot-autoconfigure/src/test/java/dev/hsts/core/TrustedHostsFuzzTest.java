package dev.hsts.core;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the per-request trusted-host check: the strict {@code Host} parser
 * ({@link HostHeader}) and {@link TrustedHosts#check(String, String)}, against a separate
 * reference written plainly from the rules in docs/trusted-hosts.md. Never an exception;
 * the verdict is exactly the reference's; a parsed host is in its normal form and parsing
 * it again changes nothing. Without JAZZER_FUZZ=1 the committed inputs run as regression
 * tests.
 */
class TrustedHostsFuzzTest {

	private static final List<String> ENTRIES = List.of("api.example.com", "*.example.org", "b\u00fccher.example",
			"10.0.0.0/8", "192.0.2.7", "fd00::/8", "[::1]");

	private static final TrustedHosts TRUSTED = TrustedHosts.of(ENTRIES, List.of());

	/** Pieces that make interesting hosts more likely than random bytes do. */
	private static final List<String> PIECES = List.of("api", "example", "com", "org", "www", ".", "..", ":", "::", "[",
			"]", "@", "%", "_", "-", "*", "10", "0", "1", "255", "256", "192", "2", "7", "443", "65535", "65536",
			"fd00", "ffff", "FD", "API", "EXAMPLE", "xn--bcher-kva", "b\u00fccher", "\u212a", " ", "\t", "\r\n", "\0",
			"/", "0x7f", "127", "::ffff:", "fe80::1%eth0", "[::1]", "api.example.com", ".example.org", "a".repeat(63),
			"a".repeat(64));

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void checkAgreesWithTheReference(FuzzedDataProvider data) {
		String host = hostish(data);
		String serverName = data.consumeBoolean() ? null : (data.consumeBoolean() ? host : hostish(data));
		Optional<RejectionReason> verdict = TRUSTED.check(host, serverName);
		String expected = referenceVerdict(host, serverName);
		assertThat(verdict.map(Enum::name).orElse("OK"))
			.as("Host %s, server name %s", printable(host), printable(serverName))
			.isEqualTo(expected);
	}

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void parsedHostsAreNormalAndParsingIsIdempotent(FuzzedDataProvider data) {
		String value = hostish(data);
		HostHeader parsed = HostHeader.parse(value);
		HostHeader upper = HostHeader.parse(upperAscii(value));
		assertThat(upper.isValid()).isEqualTo(parsed.isValid());
		if (!parsed.isValid()) {
			assertThat(parsed.problem()).isNotBlank();
			assertThat(parsed.host()).isNull();
			return;
		}
		String host = parsed.host();
		assertThat(upper.host()).isEqualTo(host);
		assertThat(upper.port()).isEqualTo(parsed.port());
		assertThat(host).isEqualTo(HostNames.normalize(host))
			.isEqualTo(upperAscii(host).toLowerCase(java.util.Locale.ROOT));
		assertThat(host).doesNotEndWith(".").doesNotStartWith("[");
		assertThat(parsed.port()).isBetween(-1, 65535).isNotZero();
		String again = ((host.indexOf(':') >= 0) ? "[" + host + "]" : host)
				+ ((parsed.port() > 0) ? ":" + parsed.port() : "");
		HostHeader reparsed = HostHeader.parse(again);
		assertThat(reparsed.isValid()).as(again).isTrue();
		assertThat(reparsed.host()).isEqualTo(host);
		assertThat(reparsed.port()).isEqualTo(parsed.port());
		// The verdict depends on the host only, not on how it was spelled.
		assertThat(TRUSTED.check(again, null)).isEqualTo(TRUSTED.check(value, null));
	}

	private static String hostish(FuzzedDataProvider data) {
		if (data.consumeBoolean()) {
			return data.consumeString(300);
		}
		StringBuilder host = new StringBuilder();
		int pieces = data.consumeInt(0, 12);
		for (int i = 0; i < pieces; i++) {
			host.append(data.consumeBoolean() ? data.pickValue(PIECES) : data.consumeString(6));
		}
		return host.toString();
	}

	// ---- The reference: docs/trusted-hosts.md ("Matching", "Malformed values"), written
	// the plain way ----

	private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]*)\\](?::(.*))?", Pattern.DOTALL);

	private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");

	private static final Pattern DOTTED_QUAD = Pattern
		.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

	private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");

	/** OK, NOT_ALLOWED or MALFORMED. */
	static String referenceVerdict(String hostHeader, String serverName) {
		Object host = referenceParse(hostHeader);
		if (host == null) {
			return "MALFORMED";
		}
		Object effective = null;
		if (serverName != null) {
			// A server reports an IPv6 address with or without brackets.
			boolean bareIpv6 = serverName.indexOf('[') < 0 && serverName.chars().filter((c) -> c == ':').count() >= 2;
			effective = referenceParse(bareIpv6 ? "[" + serverName + "]" : serverName);
			if (effective == null) {
				return "MALFORMED";
			}
		}
		if (!referenceAllowed(host) || (effective != null && !referenceAllowed(effective))) {
			return "NOT_ALLOWED";
		}
		return "OK";
	}

	/** A lower-case host name (String), an address (byte[]), or null when malformed. */
	static Object referenceParse(String value) {
		if (value == null || value.isEmpty() || value.length() > 255) {
			return null;
		}
		for (char c : value.toCharArray()) {
			if (c <= ' ' || c >= 127 || c == '@' || c == '%' || c == '_') {
				return null;
			}
		}
		Matcher bracketed = BRACKETED.matcher(value);
		if (bracketed.matches()) {
			if (bracketed.group(2) != null && !validPort(bracketed.group(2))) {
				return null;
			}
			String address = bracketed.group(1);
			if (!address.matches("[0-9A-Fa-f:][0-9A-Fa-f:.]*") || !address.contains(":")) {
				return null;
			}
			// RFC 3986's IPv6address, stricter than InetAddress: hex groups of at most
			// four
			// digits, and an embedded IPv4 part only as a dotted quad without leading
			// zeros.
			for (String group : address.split(":", -1)) {
				if (group.contains(".") ? !DOTTED_QUAD.matcher(group).matches() : group.length() > 4) {
					return null;
				}
			}
			try {
				// Brackets make the JDK parse a literal only; it never asks DNS for
				// these.
				return InetAddress.getByName("[" + address + "]").getAddress();
			}
			catch (Exception ex) {
				return null;
			}
		}
		if (value.contains("[") || value.contains("]")) {
			return null;
		}
		String[] hostAndPort = value.split(":", -1);
		if (hostAndPort.length > 2 || (hostAndPort.length == 2 && !validPort(hostAndPort[1]))) {
			return null;
		}
		String name = hostAndPort[0].toLowerCase(java.util.Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.isEmpty() || name.length() > 253) {
			return null;
		}
		for (String label : name.split("\\.", -1)) {
			if (!LABEL.matcher(label).matches()) {
				return null;
			}
		}
		if (DOTTED_QUAD.matcher(name).matches()) {
			try {
				return InetAddress.getByName(name).getAddress();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return name;
	}

	private static boolean validPort(String port) {
		return PORT.matcher(port).matches() && Integer.parseInt(port) <= 65535;
	}

	/** The entries of {@link #ENTRIES}, by hand. */
	static boolean referenceAllowed(Object host) {
		if (host instanceof byte[] address) {
			if (address.length == 4) {
				return address[0] == 10
						|| (address[0] == (byte) 192 && address[1] == 0 && address[2] == 2 && address[3] == 7);
			}
			boolean loopback = address[15] == 1;
			for (int i = 0; i < 15; i++) {
				loopback &= address[i] == 0;
			}
			return address[0] == (byte) 0xfd || loopback;
		}
		String name = (String) host;
		return name.equals("api.example.com") || name.equals("xn--bcher-kva.example")
				|| (name.endsWith(".example.org") && name.length() > ".example.org".length());
	}

	private static String upperAscii(String text) {
		StringBuilder upper = new StringBuilder(text.length());
		for (char c : text.toCharArray()) {
			upper.append((c >= 'a' && c <= 'z') ? (char) (c - 32) : c);
		}
		return upper.toString();
	}

	private static String printable(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder out = new StringBuilder();
		for (char c : text.toCharArray()) {
			out.append((c < 0x20 || c >= 0x7f) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
		}
		return out.toString();
	}

	static {
		// The reference itself, on the documented examples.
		check(referenceVerdict("API.Example.COM.", null), "OK");
		check(referenceVerdict("example.org", null), "NOT_ALLOWED");
		check(referenceVerdict("a.b.example.org:8443", null), "OK");
		check(referenceVerdict("[::0001]:8443", null), "OK");
		check(referenceVerdict("[::ffff:10.1.2.3]", null), "OK");
		check(referenceVerdict("010.1.2.3", null), "NOT_ALLOWED");
		check(referenceVerdict("api.example.com:0443", null), "MALFORMED");
		check(referenceVerdict("[fe80::1%eth0]", null), "MALFORMED");
		check(referenceVerdict("api.example.com", "evil.example"), "NOT_ALLOWED");
		check(referenceVerdict("api.example.com", "::1"), "OK");
	}

	private static void check(String actual, String expected) {
		if (!actual.equals(expected)) {
			throw new AssertionError("reference: expected " + expected + " but was " + actual);
		}
	}

}
