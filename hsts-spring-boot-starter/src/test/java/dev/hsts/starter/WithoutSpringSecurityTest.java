package dev.hsts.starter;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.servlet.HeadersApplication;
import dev.hsts.servlet.HeadersEndpoints;
import dev.hsts.servlet.SecurityHeadersFilter;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter does not need Spring Security, and does not bring it: this module's
 * classpath (the starter, the web starter, the test starter) has no Spring Security at
 * all, and a real application on it, over real TLS, gets HSTS and every header of the
 * default set exactly once on every kind of response, with the Cache-Control default
 * decided when the response commits.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WithoutSpringSecurityTest {

	RunningApp app;

	@BeforeAll
	void start() {
		this.app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"logging.level.org.apache.catalina.core=OFF");
	}

	@AfterAll
	void stop() {
		this.app.close();
	}

	@Test
	void springSecurityIsNotOnTheClasspath() {
		ClassLoader classLoader = this.app.context().getClassLoader();
		for (String type : new String[] { "org.springframework.security.web.header.HeaderWriter",
				"org.springframework.security.web.util.OnCommittedResponseWrapper",
				"org.springframework.security.config.annotation.web.builders.HttpSecurity" }) {
			assertThatExceptionOfType(ClassNotFoundException.class).as(type)
				.isThrownBy(() -> Class.forName(type, false, classLoader));
		}
	}

	@Test
	void theFilterAppliesTheStartersWriters() {
		assertThat(this.app.context().getBean(SecurityHeadersFilter.class).getWriters()).hasSize(8)
			.allMatch((writer) -> writer.getClass().getName().startsWith("dev.hsts.servlet."));
	}

	/** Method, path, request headers, status, the Cache-Control expected (null: none). */
	static Stream<Arguments> responses() {
		String[] none = new String[0];
		return Stream.concat(Stream.of(Arguments.of("GET", "/ok", none, 200, "no-store"),
				Arguments.of("HEAD", "/ok", none, 200, "no-store"), Arguments.of("POST", "/ok", none, 200, "no-store"),
				Arguments.of("GET", "/send-error-cached", none, 404, HeadersEndpoints.ERROR_PAGE_CACHE_CONTROL),
				Arguments.of("GET", "/cached-then-error", none, 409, "max-age=7")), HeadersEndpoints.responseKinds());
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("responses")
	void everyResponseCarriesHstsAndTheDefaultHeadersExactlyOnce(String method, String path, String[] headers,
			int status, String cacheControl) {
		HttpResponse<String> response = this.app.https().send(method, "api.example.test", path, headers);
		assertThat(response.statusCode()).isEqualTo(status);
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			Headers.assertExactlyOne(response, header.getKey(), header.getValue());
		}
		Headers.assertCacheControl(response, cacheControl);
		for (String header : Headers.OFF_BY_DEFAULT) {
			Headers.assertNone(response, header);
		}
	}

	@Test
	void clearSiteDataGoesOnTheSuccessesAndRedirectsOfTheLogoutPaths() {
		try (RunningApp logout = RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"logging.level.org.apache.catalina.core=OFF", "security.headers.clear-site-data.enabled=true",
				"security.headers.clear-site-data.paths=/ok,/send-redirect,/status/*")) {
			String all = "\"cache\", \"cookies\", \"storage\"";
			Headers.assertExactlyOne(logout.https().send("POST", "api.example.test", "/ok"), Headers.CLEAR_SITE_DATA,
					all);
			Headers.assertExactlyOne(logout.https().get("api.example.test", "/send-redirect"), Headers.CLEAR_SITE_DATA,
					all);
			Headers.assertNone(logout.https().get("api.example.test", "/status/500"), Headers.CLEAR_SITE_DATA);
			Headers.assertNone(logout.https().get("api.example.test", "/page"), Headers.CLEAR_SITE_DATA);
		}
	}

	@Test
	void theApplicationsOwnValueWinsAndIsNeverDoubled() {
		HttpResponse<String> response = this.app.https()
			.get("api.example.test", Headers.own("X-Frame-Options", "SAMEORIGIN", "add"));
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(response, "X-Frame-Options", "SAMEORIGIN");
	}

}
