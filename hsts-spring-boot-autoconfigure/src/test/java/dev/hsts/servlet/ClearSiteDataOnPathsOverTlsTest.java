package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.core.HeaderDescription;
import dev.hsts.core.HeadersPreview;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clear-Site-Data on the configured logout paths of a servlet application without Spring
 * Security (hidden from the application's class loader), over real TLS to embedded
 * Tomcat: on 2xx and 3xx responses to those paths only, never over plain HTTP, and never
 * in place of the application's own value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClearSiteDataOnPathsOverTlsTest {

	static final String ALL = "\"cache\", \"cookies\", \"storage\"";

	static final String[] PROPERTIES = { "logging.level.org.apache.catalina.core=OFF",
			"security.headers.clear-site-data.enabled=true",
			"security.headers.clear-site-data.paths=/ok,/status/*,/own,/send-redirect" };

	RunningApp app;

	static ClassLoader withoutSpringSecurity() {
		return new FilteredClassLoader("org.springframework.security.");
	}

	@BeforeAll
	void start() {
		this.app = RunningApp.https(withoutSpringSecurity(), new Class<?>[] { HeadersApplication.class }, PROPERTIES);
	}

	@AfterAll
	void stop() {
		this.app.close();
	}

	@Test
	void theApplicationRunsWithoutSpringSecurity() {
		assertThat(this.app.context().getClassLoader()).isInstanceOf(FilteredClassLoader.class);
		assertThat(this.app.context().getBean("clearSiteDataHeaderWriter")).isInstanceOf(ClearSiteDataWriter.class);
	}

	@Test
	void successesAndRedirectsOnTheLogoutPathsGetIt() {
		Headers.assertExactlyOne(this.app.https().send("POST", "app.example.com", "/ok"), Headers.CLEAR_SITE_DATA, ALL);
		Headers.assertExactlyOne(this.app.https().get("app.example.com", "/ok"), Headers.CLEAR_SITE_DATA, ALL);
		HttpResponse<String> redirect = this.app.https().get("app.example.com", "/send-redirect");
		assertThat(redirect.statusCode()).isEqualTo(302);
		Headers.assertExactlyOne(redirect, Headers.CLEAR_SITE_DATA, ALL);
	}

	@Test
	void errorsAndOtherPathsDoNot() {
		HttpResponse<String> error = this.app.https().get("app.example.com", "/status/500");
		assertThat(error.statusCode()).isEqualTo(500);
		Headers.assertNone(error, Headers.CLEAR_SITE_DATA);
		Headers.assertNone(this.app.https().get("app.example.com", "/status/403"), Headers.CLEAR_SITE_DATA);
		Headers.assertNone(this.app.https().get("app.example.com", "/page"), Headers.CLEAR_SITE_DATA);
		Headers.assertNone(this.app.https().get("app.example.com", "/public/ok"), Headers.CLEAR_SITE_DATA);
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
		List<HeaderDescription> descriptions = this.app.context().getBean(HeadersPreview.class).describe();
		assertThat(descriptions).contains(new HeaderDescription(Headers.CLEAR_SITE_DATA, ALL,
				List.of("/ok", "/status/*", "/own", "/send-redirect"), List.of()));
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEndpointShowsItWithItsPaths() {
		try (RunningApp withEndpoint = RunningApp.https(withoutSpringSecurity(),
				new Class<?>[] { HeadersApplication.class }, PROPERTIES[0], PROPERTIES[1], PROPERTIES[2],
				"management.endpoints.web.exposure.include=securityheaders")) {
			Map<String, Object> headers = (Map<String, Object>) withEndpoint.context()
				.getBean(SecurityHeadersEndpoint.class)
				.securityHeaders(SecurityContext.NONE)
				.get("headers");
			assertThat(headers).containsEntry("Clear-Site-Data (on logout)",
					Map.of("value", ALL, "paths", List.of("/ok", "/status/*", "/own", "/send-redirect")));
		}
	}

	@Test
	void overPlainHttpNone() {
		try (RunningApp plain = RunningApp.plain(withoutSpringSecurity(), new Class<?>[] { HeadersApplication.class },
				PROPERTIES)) {
			HttpResponse<String> response = plain.plain().send("POST", "app.example.com", "/ok");
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertNone(response, Headers.CLEAR_SITE_DATA);
		}
	}

}
