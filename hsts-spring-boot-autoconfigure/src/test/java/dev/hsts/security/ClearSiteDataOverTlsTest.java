package dev.hsts.security;

import java.net.http.HttpResponse;
import java.util.Map;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.servlet.HeadersApplication;
import dev.hsts.test.FormLogin;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clear-Site-Data on a real Spring Security form logout (servlet, embedded Tomcat): sent
 * by the logout handler the starter adds to the chain, on the logout's redirect over TLS,
 * not on the logout confirmation page, and never over plain HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClearSiteDataOverTlsTest {

	static final String[] PROPERTIES = { "logging.level.org.apache.catalina.core=OFF",
			"logging.level.org.springframework.security=OFF", "security.headers.clear-site-data.enabled=true" };

	@Test
	void theFormLogoutOverTlsClearsCacheCookiesAndStorage() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { CustomChainApplication.class }, PROPERTIES)) {
			FormLogin browser = new FormLogin(app::https, "app.example.com");
			HttpResponse<String> login = browser.login("user", "secret");
			Headers.assertNone(login, Headers.CLEAR_SITE_DATA);
			assertThat(browser.get("/ok").statusCode()).isEqualTo(200);
			HttpResponse<String>[] logout = browser.logout();
			Headers.assertNone(logout[0], Headers.CLEAR_SITE_DATA);
			assertThat(logout[1].statusCode()).isEqualTo(302);
			assertThat(logout[1].headers().firstValue("Location").orElse("")).endsWith("/login?logout");
			Headers.assertExactlyOne(logout[1], Headers.CLEAR_SITE_DATA, "\"cache\", \"cookies\", \"storage\"");
			// The starter's other headers are on the logout's response as on any other.
			Headers.assertExactlyOne(logout[1], Headers.XSS_PROTECTION, "0");
			// Logged out.
			assertThat(browser.get("/ok").statusCode()).isIn(302, 401);
		}
	}

	@Test
	void directivesSpringSecuritysWriterDoesNotKnowAreSentToo() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { CustomChainApplication.class }, PROPERTIES[0],
				PROPERTIES[1], PROPERTIES[2],
				"security.headers.clear-site-data.directives=cookies,clientHints,prefetchCache")) {
			FormLogin browser = new FormLogin(app::https, "app.example.com");
			browser.login("user", "secret");
			HttpResponse<String>[] logout = browser.logout();
			Headers.assertExactlyOne(logout[1], Headers.CLEAR_SITE_DATA,
					"\"cookies\", \"clientHints\", \"prefetchCache\"");
		}
	}

	@Test
	void theFormLogoutOverPlainHttpSendsNone() {
		try (RunningApp app = RunningApp.plain(new Class<?>[] { CustomChainApplication.class }, PROPERTIES)) {
			FormLogin browser = new FormLogin(app::plain, "app.example.com");
			browser.login("user", "secret");
			HttpResponse<String>[] logout = browser.logout();
			assertThat(logout[1].statusCode()).isEqualTo(302);
			Headers.assertNone(logout[1], Headers.CLEAR_SITE_DATA);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEndpointShowsItOnTheChainsLogout() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { CustomChainApplication.class }, PROPERTIES[0],
				PROPERTIES[1], PROPERTIES[2], "management.endpoints.web.exposure.include=securityheaders")) {
			Map<String, Object> headers = (Map<String, Object>) app.context()
				.getBean(SecurityHeadersEndpoint.class)
				.securityHeaders(SecurityContext.NONE)
				.get("headers");
			assertThat(headers).containsEntry("Clear-Site-Data (on logout)", Map.of("value",
					"\"cache\", \"cookies\", \"storage\"", "on", "logout of every Spring Security filter chain"));
			assertThat(headers).containsEntry(Headers.XSS_PROTECTION, "0")
				.containsEntry(Headers.PERMITTED_CROSS_DOMAIN_POLICIES, "none");
		}
	}

	@Test
	void pathsWithSpringSecurityAreIgnoredWithAWarningNamingTheKey(CapturedOutput output) {
		int before = output.getAll().length();
		try (RunningApp app = RunningApp.https(new Class<?>[] { CustomChainApplication.class }, PROPERTIES[0],
				PROPERTIES[1], PROPERTIES[2], "security.headers.clear-site-data.paths=/signout")) {
			assertThat(output.getAll().substring(before)).containsPattern(
					"WARN .*security.headers.clear-site-data.paths is ignored: with Spring Security, Clear-Site-Data is "
							+ "sent on the logout of every Spring Security filter chain");
		}
	}

	@Test
	void noChainWithALogoutIsAWarningNamingTheKey(CapturedOutput output) {
		int before = output.getAll().length();
		try (RunningApp app = RunningApp.https(new Class<?>[] { HeadersApplication.class }, PROPERTIES)) {
			assertThat(output.getAll().substring(before))
				.containsPattern("WARN .*security.headers.clear-site-data.enabled=true, but no Spring Security filter "
						+ "chain has a logout");
		}
	}

	@Test
	void offByDefault() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { CustomChainApplication.class }, PROPERTIES[0],
				PROPERTIES[1])) {
			FormLogin browser = new FormLogin(app::https, "app.example.com");
			browser.login("user", "secret");
			Headers.assertNone(browser.logout()[1], Headers.CLEAR_SITE_DATA);
		}
	}

}
