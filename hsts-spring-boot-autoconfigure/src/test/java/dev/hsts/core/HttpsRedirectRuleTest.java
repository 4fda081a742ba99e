package dev.hsts.core;

import java.util.List;

import dev.hsts.autoconfigure.InvalidSecurityHeadersPropertyException;
import dev.hsts.autoconfigure.PropertyNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The redirect rule's own host ({@code https-redirect.host}): which values it takes, how
 * they land in {@code Location}, and the open-redirect finding.
 */
class HttpsRedirectRuleTest {

	private static HttpsRedirectRule rule(String host, int port) {
		return new HttpsRedirectRule(host, port, 301, 308, List.of());
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "www.example.com|https://www.example.com/a?b=1", "WWW.Example.COM.|https://www.example.com/a?b=1",
					"b\u00fccher.example|https://xn--bcher-kva.example/a?b=1",
					"203.0.113.10|https://203.0.113.10/a?b=1", "2001:DB8::1|https://[2001:db8::1]/a?b=1",
					"[2001:db8::1]|https://[2001:db8::1]/a?b=1", "localhost|https://localhost/a?b=1" })
	void everyRedirectGoesToTheConfiguredHost(String host, String location) {
		HttpsRedirectRule rule = rule(host, 443);
		assertThat(rule.location("evil.example", "/a", "b=1")).isEqualTo(location);
		assertThat(rule.location("[::1]", "/a", "b=1")).isEqualTo(location);
	}

	@Test
	void theHttpsPortIsKept() {
		assertThat(rule("www.example.com", 8443).location("evil.example", "/", null))
			.isEqualTo("https://www.example.com:8443/");
		assertThat(rule("::1", 8443).location("evil.example", "/", null)).isEqualTo("https://[::1]:8443/");
	}

	@Test
	void withoutAHostTheRequestsHostIsUsed() {
		assertThat(rule(null, 443).host()).isNull();
		assertThat(rule("", 443).host()).isNull();
		assertThat(rule(null, 443).location("api.example.test", "/x", null)).isEqualTo("https://api.example.test/x");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "https://www.example.com|it has a scheme.", "www.example.com/|it has a path.",
					"www.example.com/login|it has a path.", "www.example.com?a=b|it has a path.",
					"www.example.com:8443|it has a port.", "[2001:db8::1]:8443|it has a port.",
					"'www.example.com '|it contains spaces or control characters.",
					"'www .example.com'|it contains spaces or control characters.",
					"user@www.example.com|it has user information ('@').",
					"*.example.com|it has a '*'; a redirect goes to one host.",
					"[2001:db8::1|its brackets are unbalanced.", "2001:db8::g|it is not a valid IPv6 address.",
					"10.1|it ends in a number but is not a dotted-quad " + "IPv4 address.",
					"-www.example.com|a label starts or ends with '-'.", "a..example.com|it has an empty label." })
	void anythingButOneHostFailsStartupNamingThePropertyAndTheFix(String host, String reason) {
		assertThatExceptionOfType(InvalidPolicyException.class).isThrownBy(() -> rule(host, 443)).satisfies((ex) -> {
			assertThat(ex.getPath()).isEqualTo("https-redirect.host");
			assertThat(ex.getValue()).isEqualTo(host);
			assertThat(ex.getReason()).isEqualTo(reason);
			InvalidSecurityHeadersPropertyException named = InvalidSecurityHeadersPropertyException.of(ex);
			assertThat(named.getProperty()).isEqualTo("security.headers.https-redirect.host");
			assertThat(named.getAction()).contains("www.example.com", "security.headers.https-redirect.https-port");
		});
	}

	@Test
	void aRedirectThatCopiesAnUncheckedHostIsAWarning() {
		HttpsRedirectRule copies = rule(null, 443);
		TrustedHosts served = TrustedHosts.of(List.of("api.example.test"), List.of());
		assertThat(PolicyFindings.httpsRedirect(copies, TrustedHosts.off()).map(PropertyNames::qualify))
			.hasValueSatisfying((finding) -> {
				assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
				assertThat(finding.code()).isEqualTo("https-redirect.host-unchecked");
				assertThat(finding.property()).isEqualTo("security.headers.https-redirect.host");
				assertThat(finding.message()).contains("trusted-host checks are off",
						"Set security.headers.https-redirect.host", "security.headers.trusted-hosts.allowed");
			});
		assertThat(PolicyFindings.httpsRedirect(copies, null)).isPresent();
		assertThat(PolicyFindings.httpsRedirect(copies, TrustedHosts.of(List.of("*"), List.of())))
			.hasValueSatisfying((finding) -> assertThat(finding.message()).contains("contains '*'"));
		assertThat(PolicyFindings.httpsRedirect(copies, served)).isEmpty();
		assertThat(PolicyFindings.httpsRedirect(rule("www.example.com", 443), TrustedHosts.off())).isEmpty();
	}

}
