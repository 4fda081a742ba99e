package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Stream;

import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.hsts.test.Headers.CACHE_CONTROL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each header's property changes what is sent, and switches it off, over real TLS to
 * embedded Tomcat.
 */
class HeaderConfigurationOverTlsTest {

	static final List<String> PATHS = List.of("/ok", "/missing", "/fail", "/send-error", "/page");

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class Changed {

		RunningApp app;

		@BeforeAll
		void start() {
			this.app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
					"logging.level.org.apache.catalina.core=OFF", "security.headers.content-type-options=NOSNIFF",
					"security.headers.frame-options=sameorigin",
					"security.headers.referrer-policy=no-referrer, strict-origin-when-cross-origin",
					"security.headers.permissions-policy=camera=(self),geolocation=(), payment=(self \"https://pay.example.test\")",
					"security.headers.cross-origin-opener-policy=same-origin",
					"security.headers.cross-origin-resource-policy=same-site",
					"security.headers.cache-control.value=private,  no-cache",
					"security.headers.cache-control.excluded-paths=/static.txt,/public/**");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@ParameterizedTest
		@MethodSource("dev.hsts.servlet.HeaderConfigurationOverTlsTest#paths")
		void everyResponseCarriesTheConfiguredValues(String path) {
			HttpResponse<String> response = this.app.https().get("api.example.test", path);
			Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
			Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "SAMEORIGIN");
			Headers.assertExactlyOne(response, Headers.REFERRER_POLICY, "no-referrer, strict-origin-when-cross-origin");
			Headers.assertExactlyOne(response, Headers.PERMISSIONS_POLICY,
					"camera=(self), geolocation=(), payment=(self \"https://pay.example.test\")");
			Headers.assertExactlyOne(response, Headers.COOP, "same-origin");
			Headers.assertExactlyOne(response, Headers.CORP, "same-site");
			Headers.assertExactlyOne(response, CACHE_CONTROL, "private, no-cache");
		}

		@ParameterizedTest
		@MethodSource("dev.hsts.servlet.HeaderConfigurationOverTlsTest#excludedPaths")
		void excludedPathsGetNoCacheControlDefault(String path) {
			HttpResponse<String> response = this.app.https().get("api.example.test", path);
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertNone(response, CACHE_CONTROL);
			Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "SAMEORIGIN");
		}

		@ParameterizedTest(name = "{0}: {1} ({2})")
		@MethodSource("dev.hsts.servlet.HeaderConfigurationOverTlsTest#crossOriginValues")
		void theApplicationsCrossOriginValuesWin(String name, String value, String mode) {
			HttpResponse<String> response = this.app.https().get("api.example.test", Headers.own(name, value, mode));
			Headers.assertExactlyOne(response, name, value);
		}

	}

	static Stream<String> paths() {
		return PATHS.stream();
	}

	static Stream<String> excludedPaths() {
		return Stream.of("/static.txt", "/public/ok");
	}

	static Stream<Arguments> crossOriginValues() {
		return Stream.of("set", "add", "entity")
			.flatMap((mode) -> Stream.of(Arguments.of(Headers.COOP, "unsafe-none", mode),
					Arguments.of(Headers.CORP, "cross-origin", mode)));
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class SwitchedOff {

		RunningApp app;

		@BeforeAll
		void start() {
			this.app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
					"logging.level.org.apache.catalina.core=OFF", "security.headers.content-type-options=disabled",
					"security.headers.frame-options=DISABLED", "security.headers.referrer-policy=disabled",
					"security.headers.permissions-policy=disabled",
					"security.headers.cross-origin-opener-policy=disabled",
					"security.headers.content-security-policy.policy=disabled",
					"security.headers.cache-control.enabled=false", "security.headers.hsts.enabled=false",
					"security.headers.permitted-cross-domain-policies=disabled",
					"security.headers.xss-protection=disabled");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@ParameterizedTest
		@MethodSource("dev.hsts.servlet.HeaderConfigurationOverTlsTest#paths")
		void noHeaderIsSent(String path) {
			HttpResponse<String> response = this.app.https().get("api.example.test", path);
			for (String header : List.of(Headers.HSTS, Headers.CONTENT_TYPE_OPTIONS, Headers.FRAME_OPTIONS,
					Headers.REFERRER_POLICY, Headers.PERMISSIONS_POLICY, Headers.CSP, Headers.CSP_REPORT_ONLY,
					Headers.COOP, Headers.CORP, CACHE_CONTROL, Headers.PERMITTED_CROSS_DOMAIN_POLICIES,
					Headers.XSS_PROTECTION)) {
				Headers.assertNone(response, header);
			}
		}

		@Test
		void noWriterBeanExistsForAHeaderThatIsOff() {
			SecurityHeadersFilter filter = this.app.context().getBean(SecurityHeadersFilter.class);
			assertThat(filter.getWriters()).hasSize(1).first().isInstanceOf(StagedHstsHeaderWriter.class);
		}

	}

	@Test
	void staticResourceCachingConfiguredInSpringKeepsItsCacheControl() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"spring.web.resources.cache.cachecontrol.max-age=1h")) {
			HttpResponse<String> response = app.https().get("api.example.test", "/static.txt");
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertExactlyOne(response, CACHE_CONTROL, "max-age=3600");
			Headers.assertExactlyOne(app.https().get("api.example.test", "/ok"), CACHE_CONTROL, "no-store");
		}
	}

	@Test
	void theWholeStarterCanBeSwitchedOff() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"security.headers.enabled=false")) {
			HttpResponse<String> response = app.https().get("api.example.test", "/ok");
			assertThat(response.headers().map().keySet()).doesNotContain("x-frame-options", "cache-control",
					"strict-transport-security", "referrer-policy");
		}
	}

}
