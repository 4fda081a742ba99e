package dev.hsts.core;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes host matching against a separate, obviously-correct reference, and entry parsing
 * for its only documented failure. Without JAZZER_FUZZ=1 the committed inputs run as
 * regression tests.
 */
class HostPatternsFuzzTest {

	private static final List<String> ENTRIES = List.of("api.example.com", "*.example.org", "xn--bcher-kva.example",
			"10.0.0.0/8", "192.0.2.7", "fd00::/8", "::1");

	private static final String DOTTED_QUAD = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
			+ "(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}";

	private static final HostPatterns PATTERNS = HostPatterns.parse(ENTRIES, "fuzz");

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void matchingAgreesWithTheReference(FuzzedDataProvider data) {
		String host = data.consumeRemainingAsString();
		assertThat(PATTERNS.matches(host)).as("host %s", HostNames.normalize(host)).isEqualTo(referenceMatches(host));
	}

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void normalisationIsIdempotent(FuzzedDataProvider data) {
		String host = data.consumeRemainingAsString();
		String once = HostNames.normalize(host);
		String twice = HostNames.normalize(once);
		if (!host.startsWith("[") && !(host.endsWith(".") && !host.endsWith(".."))) {
			assertThat(twice).isEqualTo(once);
		}
		assertThat(PATTERNS.matches(once)).isEqualTo(PATTERNS.matches(host) || PATTERNS.matches(once));
	}

	@FuzzTest(maxDuration = "10m", maxExecutions = 1_000_000)
	void parsingFailsOnlyWithTheDocumentedException(FuzzedDataProvider data) {
		List<String> entries = new ArrayList<>();
		int count = data.consumeInt(0, 4);
		for (int i = 0; i < count; i++) {
			entries.add(data.consumeString(80));
		}
		try {
			HostPatterns patterns = HostPatterns.parse(entries, "fuzz");
			assertThat(patterns.entries()).isEqualTo(entries);
			patterns.matches(data.consumeRemainingAsString());
		}
		catch (InvalidPolicyException ex) {
			assertThat(ex.getPath()).startsWith("fuzz[");
			assertThat(ex.getAction()).isNotBlank();
		}
	}

	/** The documented rules, written the plain way. */
	private static boolean referenceMatches(String raw) {
		String host = raw;
		if (host.length() >= 2 && host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		else if (host.length() >= 2 && host.endsWith(".") && !host.endsWith("..")) {
			host = host.substring(0, host.length() - 1);
		}
		StringBuilder lower = new StringBuilder();
		for (char c : host.toCharArray()) {
			lower.append((c >= 'A' && c <= 'Z') ? (char) (c + 32) : c);
		}
		host = lower.toString();
		if (host.matches(DOTTED_QUAD)) {
			byte[] address = address(host);
			return (address[0] == 10) || host.equals("192.0.2.7");
		}
		if (host.matches("[0-9a-f:.]+") && host.chars().filter((c) -> c == ':').count() >= 2 && host.length() <= 45) {
			// RFC 3986's IPv6address, stricter than InetAddress: hex groups of at most
			// four digits, and an embedded
			// IPv4 part only as a dotted quad without leading zeros (as browsers and
			// Tomcat read a Host).
			for (String group : host.split(":", -1)) {
				if (group.contains(".") ? !group.matches(DOTTED_QUAD) : group.length() > 4) {
					return false;
				}
			}
			byte[] address = address(host);
			if (address == null) {
				return false;
			}
			if (address.length == 4) {
				return (address[0] == 10)
						|| (address[0] == (byte) 192 && address[1] == 0 && address[2] == 2 && address[3] == 7);
			}
			boolean loopback = true;
			for (int i = 0; i < 15; i++) {
				loopback &= address[i] == 0;
			}
			return (address[0] == (byte) 0xfd) || (loopback && address[15] == 1);
		}
		if (host.equals("api.example.com") || host.equals("xn--bcher-kva.example")) {
			return true;
		}
		// A wildcard matches names with at least one more label, and no empty labels.
		return host.endsWith(".example.org") && host.length() > ".example.org".length() && !host.startsWith(".")
				&& !host.contains("..");
	}

	private static byte[] address(String literal) {
		try {
			return InetAddress.getByName(literal).getAddress();
		}
		catch (Exception ex) {
			return null;
		}
	}

}
