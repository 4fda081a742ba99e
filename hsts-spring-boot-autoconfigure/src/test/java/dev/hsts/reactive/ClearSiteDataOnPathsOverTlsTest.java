package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.util.List;

import dev.hsts.core.HeaderDescription;
import dev.hsts.core.HeadersPreview;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clear-Site-Data on the configured logout paths of a WebFlux application without Spring
 * Security (hidden from the application's class loader), over real TLS to Reactor Netty:
 * on 2xx and 3xx responses to those paths only, never over plain HTTP, and never in place
 * of the application's own value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClearSiteDataOnPathsOverTlsTest {

	static final String ALL = "\"cache\", \"cookies\", \"storage\"";

	RunningReactiveApp app;

	static ClassLoader withoutSpringSecurity() {
		return new FilteredClassLoader("org.springframework.security.");
	}

	@BeforeAll
	void start() {
		this.app = RunningReactiveApp.https(withoutSpringSecurity(), new Class<?>[] { MoreHeadersApplication.class },
				"security.headers.clear-site-data.enabled=true",
				"security.headers.clear-site-data.paths=/logout,/status/*,/redirect,/own");
	}

	@AfterAll
	void stop() {
		this.app.close();
	}

	@Test
	void theApplicationRunsWithoutSpringSecurity() {
		assertThat(this.app.context().getBean("clearSiteDataHeaderWriter"))
			.isInstanceOf(ClearSiteDataExchangeWriter.class);
	}

	@Test
	void successesAndRedirectsOnTheLogoutPathsGetIt() {
		HttpResponse<String> logout = this.app.https().send("POST", "app.example.com", "/logout");
		assertThat(logout.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(logout, Headers.CLEAR_SITE_DATA, ALL);
		HttpResponse<String> redirect = this.app.https().get("app.example.com", "/redirect");
		assertThat(redirect.statusCode()).isEqualTo(302);
		Headers.assertExactlyOne(redirect, Headers.CLEAR_SITE_DATA, ALL);
		Headers.assertExactlyOne(this.app.https().get("app.example.com", "/status/204"), Headers.CLEAR_SITE_DATA, ALL);
	}

	@Test
	void errorsAndOtherPathsDoNot() {
		HttpResponse<String> error = this.app.https().get("app.example.com", "/status/500");
		assertThat(error.statusCode()).isEqualTo(500);
		Headers.assertNone(error, Headers.CLEAR_SITE_DATA);
		Headers.assertNone(this.app.https().get("app.example.com", "/status/403"), Headers.CLEAR_SITE_DATA);
		Headers.assertNone(this.app.https().send("POST", "app.example.com", "/ok"), Headers.CLEAR_SITE_DATA);
	}

	@Test
	void theApplicationsOwnValueWins() {
		for (String mode : List.of("set", "add", "entity")) {
			Headers.assertExactlyOne(
					this.app.https().get("app.example.com", Headers.own(Headers.CLEAR_SITE_DATA, "\"cookies\"", mode)),
					Headers.CLEAR_SITE_DATA, "\"cookies\"");
		}
	}

	@Test
	void theEndpointDescribesItWithItsPaths() {
		assertThat(this.app.context().getBean(HeadersPreview.class).describe()).contains(new HeaderDescription(
				Headers.CLEAR_SITE_DATA, ALL, List.of("/logout", "/status/*", "/redirect", "/own"), List.of()));
	}

	@Test
	void overPlainHttpNone() {
		this.app.close();
		try (RunningReactiveApp plain = RunningReactiveApp.plain(withoutSpringSecurity(),
				new Class<?>[] { MoreHeadersApplication.class }, "security.headers.clear-site-data.enabled=true")) {
			HttpResponse<String> response = plain.plain().send("POST", "app.example.com", "/logout");
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertNone(response, Headers.CLEAR_SITE_DATA);
		}
		finally {
			start();
		}
	}

}
