package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.List;

import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTPS redirect's mistakes, made loud at startup on real servers: a redirect that
 * copies any Host into {@code Location} (and the host setting that ends it), and a
 * redirect in an application that sees every request as plain.
 */
@ExtendWith(OutputCaptureExtension.class)
class HttpsRedirectFindingsTest {

	private static final Class<?>[] APP = { ResponseKindsApplication.class };

	private static final String REDIRECT = "security.headers.https-redirect.enabled=true";

	/**
	 * The application believes the test client as its proxy, so only the host matters.
	 */
	private static final String[] BEHIND_PROXY = { "server.forward-headers-strategy=native",
			"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1" };

	private static final String HOST_UNCHECKED = "[warning] https-redirect.host-unchecked "
			+ "(security.headers.https-redirect.host)";

	private static final String EVERY_REQUEST = "[warning] https-redirect.every-request "
			+ "(security.headers.https-redirect.enabled)";

	private static String[] properties(String... more) {
		List<String> all = new java.util.ArrayList<>(List.of(BEHIND_PROXY));
		all.add(REDIRECT);
		all.addAll(List.of(more));
		return all.toArray(new String[0]);
	}

	@Test
	void withoutTrustedHostsTheRedirectCopiesAnyHostAndTheReportWarns(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, properties())) {
			HttpResponse<String> response = app.plain().get("evil.example", "/ok");
			assertThat(response.statusCode()).isEqualTo(301);
			assertThat(response.headers().firstValue("Location")).hasValue("https://evil.example/ok");
			assertThat(app.findingCodes()).contains("https-redirect.host-unchecked");
			assertThat(output.getAll()).containsPattern("WARN .*FindingsStartupReport")
				.containsOnlyOnce(HOST_UNCHECKED)
				.contains("The HTTPS redirect copies the Host header of each request into its Location, and "
						+ "trusted-host checks are off: a request for any host is redirected to that host")
				.contains("Set security.headers.https-redirect.host to the host to redirect to (for example "
						+ "www.example.com), or set security.headers.trusted-hosts.allowed to the hosts the "
						+ "application serves.");
		}
	}

	@Test
	void withAHostEveryRedirectGoesThereAndNothingIsReported(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, properties("security.headers.https-redirect.host=WWW.Example.test",
				"security.headers.https-redirect.https-port=8443"))) {
			for (String host : List.of("evil.example", "api.example.test", "[::1]")) {
				HttpResponse<String> response = app.plain().get(host, "/a%20b?x=1");
				assertThat(response.statusCode()).as(host).isEqualTo(301);
				assertThat(response.headers().firstValue("Location")).as(host)
					.hasValue("https://www.example.test:8443/a%20b?x=1");
			}
			assertThat(app.findingCodes()).doesNotContain("https-redirect.host-unchecked");
			assertThat(output.getAll()).doesNotContain("https-redirect.host-unchecked");
		}
	}

	@Test
	void withTrustedHostsTheRedirectKeepsTheTrustedHostAndNothingIsReported(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP,
				properties("security.headers.trusted-hosts.allowed=api.example.test"))) {
			HttpResponse<String> trusted = app.plain().get("api.example.test", "/ok");
			assertThat(trusted.statusCode()).isEqualTo(301);
			assertThat(trusted.headers().firstValue("Location")).hasValue("https://api.example.test/ok");
			HttpResponse<String> untrusted = app.plain().get("evil.example", "/ok");
			assertThat(untrusted.statusCode()).isEqualTo(400);
			assertThat(untrusted.headers().firstValue("Location")).isEmpty();
			assertThat(app.findingCodes()).doesNotContain("https-redirect.host-unchecked");
			assertThat(output.getAll()).doesNotContain("https-redirect.host-unchecked");
		}
	}

	@Test
	void aPlainApplicationThatBelievesNoProxyRedirectsEveryRequestAndTheReportWarns(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, REDIRECT,
				"security.headers.https-redirect.host=www.example.test")) {
			// What a TLS-terminating proxy forwards is redirected too: the loop.
			HttpResponse<String> viaProxy = app.plain().get("www.example.test", "/ok", "X-Forwarded-Proto", "https");
			assertThat(viaProxy.statusCode()).isEqualTo(301);
			assertThat(viaProxy.headers().firstValue("Location")).hasValue("https://www.example.test/ok");
			assertThat(app.findingCodes()).contains("https-redirect.every-request");
			assertThat(output.getAll()).containsOnlyOnce(EVERY_REQUEST)
				.contains("The HTTPS redirect is on, but the application serves plain HTTP (no server.ssl) and "
						+ "believes no proxy (server.forward-headers-strategy is not set): every request looks plain "
						+ "to it, so every request is redirected")
				.contains("set server.forward-headers-strategy=native and list the proxy in "
						+ "server.tomcat.remoteip.internal-proxies");
		}
	}

	@Test
	void anApplicationThatServesHttpsOrBelievesItsProxyIsNotReported(CapturedOutput output) {
		try (RunningApp overTls = RunningApp.https(APP, REDIRECT);
				RunningApp behindProxy = RunningApp.plain(APP, properties())) {
			assertThat(overTls.findingCodes()).doesNotContain("https-redirect.every-request");
			assertThat(behindProxy.findingCodes()).doesNotContain("https-redirect.every-request");
			assertThat(behindProxy.plain().get("api.example.test", "/ok", "X-Forwarded-Proto", "https").statusCode())
				.isEqualTo(200);
			assertThat(output.getAll()).doesNotContain("https-redirect.every-request");
		}
	}

}
