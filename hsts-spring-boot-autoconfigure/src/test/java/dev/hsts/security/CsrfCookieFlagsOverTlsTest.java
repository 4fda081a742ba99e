package dev.hsts.security;

import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
import dev.hsts.test.SetCookies;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring Security's CSRF cookie for single-page applications keeps no {@code HttpOnly}
 * (the default exception), so the front end can still read it, and gets the other flags.
 */
class CsrfCookieFlagsOverTlsTest {

	@Test
	void theXsrfTokenCookieStaysReadableByScriptsAndGetsSameSite() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { CsrfCookieApplication.class },
				"security.headers.cookies.enabled=true")) {
			RawHttp.Response response = RawHttp.https(app.port()).get("/csrf", "Host: app.example.test");
			assertThat(response.status()).isEqualTo(200);
			assertThat(SetCookies.of(response).attributes("XSRF-TOKEN")).contains("Path=/", "Secure", "SameSite=Lax")
				.doesNotContain("HttpOnly");
		}
	}

	@Test
	void withoutTheExceptionItWouldGetHttpOnly() {
		// An exceptions list without XSRF-TOKEN replaces the default: the cookie is then
		// HttpOnly, which breaks a front end that reads it.
		try (RunningApp app = RunningApp.https(new Class<?>[] { CsrfCookieApplication.class },
				"security.headers.cookies.enabled=true", "security.headers.cookies.exceptions[0].name=other")) {
			RawHttp.Response response = RawHttp.https(app.port()).get("/csrf", "Host: app.example.test");
			assertThat(SetCookies.of(response).attributes("XSRF-TOKEN")).contains("Secure", "HttpOnly", "SameSite=Lax");
		}
	}

}
