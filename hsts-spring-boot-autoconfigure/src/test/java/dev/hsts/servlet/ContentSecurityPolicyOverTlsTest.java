package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Content-Security-Policy over real TLS to embedded Tomcat: enforced and report-only
 * policies at once, a fresh nonce per request in both headers and the rendered page, a
 * path-specific policy for the docs UI, and the application's own policy winning.
 */
class ContentSecurityPolicyOverTlsTest {

	static final String POLICY = "default-src 'self'; script-src 'self' 'nonce-{nonce}'; frame-ancestors 'none'";

	static final String REPORT_ONLY = "default-src 'none'; script-src 'nonce-{nonce}'; report-uri /csp-reports";

	static final String DOCS_POLICY = "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'unsafe-eval'; "
			+ "style-src 'self' 'unsafe-inline'; img-src 'self' data:";

	static final String PLAIN_POLICY = "default-src 'none'; frame-ancestors 'none'";

	static final Pattern NONCE = Pattern.compile("'nonce-([A-Za-z0-9_-]{22})'");

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"logging.level.org.apache.catalina.core=OFF",
				"security.headers.content-security-policy.policy=" + POLICY,
				"security.headers.content-security-policy.report-only-policy=" + REPORT_ONLY,
				"security.headers.content-security-policy.path-policies[0].paths=/docs,/docs/**",
				"security.headers.content-security-policy.path-policies[0].policy=" + DOCS_POLICY,
				"security.headers.content-security-policy.path-policies[1].paths=/plain/**",
				"security.headers.content-security-policy.path-policies[1].policy=" + PLAIN_POLICY);
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void bothPoliciesAreSentWithTheSameFreshNonceThatThePageUses() {
		Set<String> nonces = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			HttpResponse<String> response = app.https().get("api.example.test", "/page");
			assertThat(response.statusCode()).isEqualTo(200);
			String nonce = nonce(Http.values(response, Headers.CSP));
			Headers.assertExactlyOne(response, Headers.CSP, POLICY.replace("{nonce}", nonce));
			Headers.assertExactlyOne(response, Headers.CSP_REPORT_ONLY, REPORT_ONLY.replace("{nonce}", nonce));
			assertThat(response.body()).contains("<script nonce=\"" + nonce + "\">");
			nonces.add(nonce);
		}
		assertThat(nonces).hasSize(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/ok", "/missing", "/fail", "/send-error" })
	void everyResponseGetsThePolicies(String path) {
		HttpResponse<String> response = app.https().get("api.example.test", path);
		String nonce = nonce(Http.values(response, Headers.CSP));
		Headers.assertExactlyOne(response, Headers.CSP, POLICY.replace("{nonce}", nonce));
		Headers.assertExactlyOne(response, Headers.CSP_REPORT_ONLY, REPORT_ONLY.replace("{nonce}", nonce));
	}

	@ParameterizedTest
	@ValueSource(strings = { "/docs/ui", "/docs", "/docs/missing" })
	void theDocsPathsGetTheirOwnPolicyAndNoReportOnlyOne(String path) {
		HttpResponse<String> response = app.https().get("api.example.test", path);
		String nonce = nonce(Http.values(response, Headers.CSP));
		Headers.assertExactlyOne(response, Headers.CSP, DOCS_POLICY.replace("{nonce}", nonce));
		Headers.assertNone(response, Headers.CSP_REPORT_ONLY);
		if (response.statusCode() == 200) {
			assertThat(response.body()).contains("<script nonce=\"" + nonce + "\">");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "/plain/page", "/plain/missing" })
	void aPathWhosePolicyHasNoNonceGetsNone(String path) {
		HttpResponse<String> response = app.https().get("api.example.test", path);
		Headers.assertExactlyOne(response, Headers.CSP, PLAIN_POLICY);
		Headers.assertNone(response, Headers.CSP_REPORT_ONLY);
		if (response.statusCode() == 200) {
			// The template reads the request attribute: none was made for a policy that
			// names no nonce.
			assertThat(response.body()).contains("<script nonce=\"null\">");
		}
		else {
			assertThat(response.statusCode()).isEqualTo(404);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "set", "add", "entity" })
	void theApplicationsOwnPolicyWins(String mode) {
		for (String header : new String[] { Headers.CSP, Headers.CSP_REPORT_ONLY }) {
			HttpResponse<String> response = app.https()
				.get("api.example.test", Headers.own(header, "default-src 'none'", mode));
			Headers.assertExactlyOne(response, header, "default-src 'none'");
		}
	}

	static String nonce(java.util.List<String> values) {
		assertThat(values).hasSize(1);
		Matcher matcher = NONCE.matcher(values.get(0));
		assertThat(matcher.find()).as("a nonce in " + values).isTrue();
		return matcher.group(1);
	}

}
