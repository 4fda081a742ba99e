package dev.hsts.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException;
import dev.hsts.autoconfigure.PropertyNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The trusted-host policy: validation of every entry (naming the property and index),
 * matching, forwarded hosts, exempt paths and the findings.
 */
class TrustedHostsTest {

	static final TrustedHosts POLICY = TrustedHosts.of(List.of("api.example.test", "*.example.test", "localhost",
			"10.0.0.0/8", "fd00::/8", "::1", "192.0.2.7", "b\u00fccher.test", "Mixed.Case.Test."),
			List.of("/actuator/health/**", "/ping"));

	static Stream<Arguments> matching() {
		return Stream.of(Arguments.of("api.example.test", true), Arguments.of("API.EXAMPLE.TEST.:443", true),
				Arguments.of("a.example.test", true), Arguments.of("a.b.c.example.test", true),
				Arguments.of("example.test", false), Arguments.of("EXAMPLE.test.", false),
				Arguments.of("xexample.test", false), Arguments.of("example.test.evil.com", false),
				Arguments.of("api.example.test.evil.com", false), Arguments.of("localhost:8080", true),
				Arguments.of("a.localhost", false), Arguments.of("10.1.2.3", true), Arguments.of("10.1.2.3:80", true),
				Arguments.of("11.1.2.3", false), Arguments.of("[fd00::1]", true), Arguments.of("[fe80::1]", false),
				Arguments.of("[::1]:8443", true), Arguments.of("[::2]", false), Arguments.of("192.0.2.7", true),
				Arguments.of("192.0.2.8", false), Arguments.of("xn--bcher-kva.test", true),
				Arguments.of("XN--BCHER-KVA.TEST.", true), Arguments.of("mixed.case.test", true),
				Arguments.of("127.1", false), Arguments.of("0x0a.0.0.1", false), Arguments.of("010.1.2.3", false),
				Arguments.of("167837955", false), Arguments.of("evil.com", false));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("matching")
	void matchesTheHostHeader(String host, boolean allowed) {
		assertThat(POLICY.check(host, null))
			.isEqualTo(allowed ? Optional.empty() : Optional.of(RejectionReason.NOT_ALLOWED));
	}

	@Test
	void malformedHostHeadersAreMalformedWhateverTheList() {
		for (TrustedHosts policy : List.of(POLICY, TrustedHosts.of(List.of("*"), null))) {
			for (String host : Arrays.asList(null, "", "evil.com:443@api.example.test", "api.example.test:0",
					"api.example.test:65536", "[::1", "a b", "a".repeat(256))) {
				assertThat(policy.check(host, null)).as(String.valueOf(host)).contains(RejectionReason.MALFORMED);
			}
		}
	}

	@Test
	void theForwardedHostIsCheckedToo() {
		assertThat(POLICY.check("api.example.test", "api.example.test")).isEmpty();
		assertThat(POLICY.check("api.example.test:443", "API.example.test")).isEmpty();
		assertThat(POLICY.check("[::1]:8443", "[::1]")).isEmpty();
		assertThat(POLICY.check("[::1]:8443", "0:0:0:0:0:0:0:1")).isEmpty();
		assertThat(POLICY.check("api.example.test", "www.example.test")).isEmpty();
		assertThat(POLICY.check("api.example.test", "evil.com")).contains(RejectionReason.NOT_ALLOWED);
		assertThat(POLICY.check("evil.com", "api.example.test")).contains(RejectionReason.NOT_ALLOWED);
		assertThat(POLICY.check("api.example.test", "a@b")).contains(RejectionReason.MALFORMED);
		assertThat(POLICY.check("api.example.test", "")).contains(RejectionReason.MALFORMED);
		// Only an IPv6 literal may come in brackets (found by TrustedHostsFuzzTest).
		assertThat(POLICY.check("api.example.test", "[api.example.test]")).contains(RejectionReason.MALFORMED);
		assertThat(POLICY.check("2", "[2]")).contains(RejectionReason.MALFORMED);
	}

	/** The finding's message as the operator reads it. */
	private static Optional<String> finding(TrustedHosts trustedHosts) {
		return PolicyFindings.trustedHosts(trustedHosts).map(PropertyNames::qualify).map(Finding::message);
	}

	@Test
	void offWhenNothingIsListed() {
		for (TrustedHosts off : List.of(TrustedHosts.of(null, null), TrustedHosts.of(List.of(), List.of()),
				TrustedHosts.off())) {
			assertThat(off.isOff()).isTrue();
			assertThat(off.allowsAnyHost()).isFalse();
			assertThat(off.check(null, null)).isEmpty();
			assertThat(off.check("a@b", "evil.com")).isEmpty();
			assertThat(off.allowsHost("evil.com")).isTrue();
			assertThat(finding(off)).hasValueSatisfying(
					(finding) -> assertThat(finding).contains("off", "security.headers.trusted-hosts.allowed"));
		}
	}

	@Test
	void starAllowsEveryWellFormedHostAndIsAFinding() {
		TrustedHosts any = TrustedHosts.of(List.of("api.example.test", "*"), List.of());
		assertThat(any.isOff()).isFalse();
		assertThat(any.allowsAnyHost()).isTrue();
		assertThat(any.check("evil.com", "other.evil.com")).isEmpty();
		assertThat(any.check("evil.com:0", null)).contains(RejectionReason.MALFORMED);
		assertThat(finding(any)).hasValueSatisfying((finding) -> assertThat(finding).contains("'*'"));
		assertThat(finding(POLICY)).isEmpty();
		assertThat(POLICY.isOff()).isFalse();
		assertThat(POLICY.allowsAnyHost()).isFalse();
	}

	static Stream<Arguments> invalidEntries() {
		return Stream.of(Arguments.of("", "empty"), Arguments.of(" ", "spaces"),
				Arguments.of("api.example.test ", "spaces"), Arguments.of("api example.test", "spaces"),
				Arguments.of("https://api.example.test", "scheme"), Arguments.of("api.example.test/", "path"),
				Arguments.of("api.example.test/login", "path"), Arguments.of("api.example.test:443", "port"),
				Arguments.of("[::1]:443", "port"), Arguments.of("10.0.0.0/33", "prefix"),
				Arguments.of("10.0.0.1/8", "network address"), Arguments.of("10.0.0.0/", "prefix"),
				Arguments.of("10.0.0.0/x", "prefix"), Arguments.of("fd00::/129", "prefix"),
				Arguments.of("10.0.0/8", "not an IP address"),
				Arguments.of("user@api.example.test", "user information"), Arguments.of("*.", "empty"),
				Arguments.of("*.*.example.test", "'*'"), Arguments.of("api.*.test", "'*'"),
				Arguments.of("*example.test", "'*'"), Arguments.of("..example.test", "empty label"),
				Arguments.of("-a.example.test", "'-'"), Arguments.of("a".repeat(64) + ".test", "63"),
				Arguments.of("1.2.3", "dotted-quad"), Arguments.of("*.0.1", "CIDR"), Arguments.of("[::1", "unbalanced"),
				Arguments.of("[::g]", "IPv6"), Arguments.of("a\u0001b", "control"), Arguments.of("my_service", "'_'"),
				Arguments.of("*.my_zone.test", "'_'"), Arguments.of("fa\u00df.de", "xn--"),
				Arguments.of("*.fa\u00df.de", "xn--"), Arguments.of("\u03c3\u03bf\u03c2.gr", "xn--"),
				Arguments.of("a\u200db.test", "xn--"));
	}

	@ParameterizedTest(name = "[{index}] {0}")
	@MethodSource("invalidEntries")
	void invalidEntriesNameThePropertyAndIndex(String entry, String reason) {
		List<String> allowed = new ArrayList<>(List.of("api.example.test", "*.example.test"));
		allowed.add(entry);
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> TrustedHosts.of(allowed, List.of()))
			.satisfies((ex) -> {
				assertThat(InvalidSecurityHeadersPropertyException.of(ex).getProperty())
					.isEqualTo("security.headers.trusted-hosts.allowed[2]");
				assertThat(ex.getValue()).isEqualTo(entry);
				assertThat(ex.getReason()).contains(reason);
			});
	}

	@Test
	void aNullEntryIsInvalid() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> TrustedHosts.of(Arrays.asList("a.test", null), List.of()))
			.satisfies((ex) -> assertThat(InvalidSecurityHeadersPropertyException.of(ex).getProperty())
				.isEqualTo("security.headers.trusted-hosts.allowed[1]"));
	}

	@Test
	void invalidExemptPathsNameThePropertyAndIndex() {
		for (String path : Arrays.asList("", "health", "/health?x", "/he alth", "/{unclosed", null)) {
			assertThatExceptionOfType(InvalidPolicyException.class)
				.isThrownBy(() -> TrustedHosts.of(List.of("a.test"), Arrays.asList("/ok", path)))
				.satisfies((ex) -> assertThat(InvalidSecurityHeadersPropertyException.of(ex).getProperty())
					.isEqualTo("security.headers.trusted-hosts.exempt-paths[1]"));
		}
	}

	@Test
	void exemptPaths() {
		assertThat(POLICY.isExemptPath("/actuator/health")).isTrue();
		assertThat(POLICY.isExemptPath("/actuator/health/liveness")).isTrue();
		assertThat(POLICY.isExemptPath("/ping")).isTrue();
		assertThat(POLICY.isExemptPath("/ping/")).isFalse();
		assertThat(POLICY.isExemptPath("/pingx")).isFalse();
		assertThat(POLICY.isExemptPath("/actuator/env")).isFalse();
		assertThat(POLICY.isExemptPath("/actuator/healthx")).isFalse();
		assertThat(POLICY.isExemptPath("/api/actuator/health")).isFalse();
		// Paths arrive decoded: a literal '%' or ';' is not decoded or split a second
		// time.
		assertThat(POLICY.isExemptPath("/pin%67")).isFalse();
		assertThat(POLICY.isExemptPath("/ping;x")).isFalse();
		assertThat(POLICY.isExemptPath(null)).isFalse();
		assertThat(POLICY.exemptPaths()).containsExactly("/actuator/health/**", "/ping");
	}

	@Test
	void costDoesNotDependOnTheNumberOfNames() {
		List<String> many = new ArrayList<>();
		for (int i = 0; i < 20_000; i++) {
			many.add("host" + i + ".example.test");
			many.add("*.tenant" + i + ".example.net");
		}
		TrustedHosts big = TrustedHosts.of(many, List.of());
		assertThat(big.check("host19999.example.test", null)).isEmpty();
		assertThat(big.check("a.b.tenant19999.example.net:443", null)).isEmpty();
		assertThat(big.check("tenant19999.example.net", null)).contains(RejectionReason.NOT_ALLOWED);
		assertThat(big.check("host20000.example.test", null)).contains(RejectionReason.NOT_ALLOWED);
	}

	@Test
	void aRememberedPassLetsOnlyTheSameHostThrough() {
		TrustedHosts policy = TrustedHosts.of(List.of("api.example.test"), List.of());
		assertThat(policy.check("api.example.test:8443", "api.example.test")).isEmpty();
		assertThat(policy.check("api.example.test:8443", "api.example.test")).isEmpty();
		// Same Host header, another server name (a forwarded host the server trusted):
		// checked, not remembered.
		assertThat(policy.check("api.example.test:8443", "evil.com")).contains(RejectionReason.NOT_ALLOWED);
		assertThat(policy.check("api.example.test:8443", "a@b")).contains(RejectionReason.MALFORMED);
		assertThat(policy.check("api.example.test:8443", "")).contains(RejectionReason.MALFORMED);
		// The same server name behind another Host header.
		assertThat(policy.check("evil.com", "api.example.test")).contains(RejectionReason.NOT_ALLOWED);
		assertThat(policy.check("api.example.test:99999", "api.example.test")).contains(RejectionReason.MALFORMED);
		assertThat(policy.check(null, "api.example.test")).contains(RejectionReason.MALFORMED);
		// A pass without a server name is not one with a server name, and the other way
		// round.
		assertThat(policy.check("api.example.test", null)).isEmpty();
		assertThat(policy.check("api.example.test", "evil.com")).contains(RejectionReason.NOT_ALLOWED);
		assertThat(policy.check("api.example.test", null)).isEmpty();
		// A refusal is never remembered as a pass.
		assertThat(policy.check("evil.com", null)).contains(RejectionReason.NOT_ALLOWED);
		assertThat(policy.check("evil.com", null)).contains(RejectionReason.NOT_ALLOWED);
	}

	@Test
	void passesOfManyHostsInTurnLetOnlyThoseHostsThrough() {
		// "Aa" and "BB" have the same String hash: the memo of the last pass must compare
		// the hosts themselves.
		assertThat("Aa.example.test".hashCode()).isEqualTo("BB.example.test".hashCode());
		TrustedHosts policy = TrustedHosts.of(List.of("Aa.example.test", "*.tenants.example.test"), List.of());
		for (int round = 0; round < 3; round++) {
			assertThat(policy.check("Aa.example.test", null)).isEmpty();
			assertThat(policy.check("BB.example.test", null)).contains(RejectionReason.NOT_ALLOWED);
			// Many hosts in turn, with hosts not served between them: each gets its own
			// verdict every round.
			for (int i = 0; i < 1000; i++) {
				assertThat(policy.check("t" + i + ".tenants.example.test:8443", "t" + i + ".tenants.example.test"))
					.isEmpty();
				assertThat(policy.check("t" + i + ".tenants.example.test:8443", "t" + i + ".example.test"))
					.contains(RejectionReason.NOT_ALLOWED);
				assertThat(policy.check("t" + i + ".example.test:8443", "t" + i + ".tenants.example.test"))
					.contains(RejectionReason.NOT_ALLOWED);
			}
		}
	}

	@Test
	void threadsCheckingDifferentHostsEachGetTheirOwnVerdict() throws Exception {
		TrustedHosts policy = TrustedHosts.of(List.of("*.example.test"), List.of());
		int threads = 4;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> wrong = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				wrong.add(pool.submit(() -> {
					int mistakes = 0;
					for (int i = 0; i < 50_000; i++) {
						boolean allowed = ((i + thread) % 2) == 0;
						String host = allowed ? "t" + thread + ".example.test" : "t" + thread + ".example.evil";
						if (policy.check(host, host).isEmpty() != allowed) {
							mistakes++;
						}
					}
					return mistakes;
				}));
			}
			for (Future<Integer> result : wrong) {
				assertThat(result.get()).isZero();
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
