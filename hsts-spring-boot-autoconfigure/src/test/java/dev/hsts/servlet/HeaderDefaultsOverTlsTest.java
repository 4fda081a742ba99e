package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.hsts.test.Headers.CACHE_CONTROL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's defaults over real TLS to embedded Tomcat, without Spring Security: every
 * response carries exactly one of each default header with its default value and none of
 * the headers that are off by default; Cache-Control: no-store goes on every response for
 * which the application chose no Cache-Control, except 304s; and a value the application
 * sets itself, in any way, wins and is never doubled.
 */
class HeaderDefaultsOverTlsTest {

	static final String NO_STORE = "no-store";

	static final String FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT";

	static RunningApp app;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { HeadersApplication.class },
				"logging.level.org.apache.catalina.core=OFF");
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	/** Method, path, request headers, status, the Cache-Control expected (null: none). */
	static Stream<Arguments> responses() {
		return Stream.of(Arguments.of("GET", "/ok", new String[0], 200, NO_STORE),
				Arguments.of("HEAD", "/ok", new String[0], 200, NO_STORE),
				Arguments.of("POST", "/ok", new String[0], 200, NO_STORE),
				Arguments.of("GET", "/catalog", new String[0], 200, HeadersEndpoints.CATALOG_CACHE_CONTROL),
				Arguments.of("GET", "/deferred-cached", new String[0], 200, HeadersEndpoints.CATALOG_CACHE_CONTROL),
				Arguments.of("GET", "/etag", new String[0], 200, NO_STORE),
				Arguments.of("GET", "/etag", new String[] { "If-None-Match", "\"v1\"" }, 304, null),
				Arguments.of("GET", "/static.txt", new String[0], 200, NO_STORE),
				Arguments.of("GET", "/static.txt", new String[] { "If-Modified-Since", FAR_FUTURE }, 304, null),
				Arguments.of("GET", "/missing", new String[0], 404, NO_STORE),
				Arguments.of("GET", "/fail", new String[0], 500, NO_STORE),
				Arguments.of("GET", "/fail", new String[] { "Accept", "text/html" }, 500, NO_STORE),
				Arguments.of("GET", "/status/400", new String[0], 400, NO_STORE),
				Arguments.of("GET", "/send-error", new String[0], 403, NO_STORE),
				Arguments.of("GET", "/send-error-cached", new String[0], 404,
						HeadersEndpoints.ERROR_PAGE_CACHE_CONTROL),
				Arguments.of("GET", "/cached-then-error", new String[0], 409, "max-age=7"),
				Arguments.of("GET", "/send-redirect", new String[0], 302, NO_STORE),
				Arguments.of("GET", "/flush-early", new String[0], 200, NO_STORE),
				Arguments.of("GET", "/page", new String[0], 200, NO_STORE));
	}

	@ParameterizedTest(name = "{0} {1} {2} -> {3}")
	@MethodSource("responses")
	void everyResponseCarriesExactlyOneOfEachDefaultHeader(String method, String path, String[] headers, int status,
			String cacheControl) {
		HttpResponse<String> response = app.https().send(method, "api.example.test", path, headers);
		assertThat(response.statusCode()).isEqualTo(status);
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			Headers.assertExactlyOne(response, header.getKey(), header.getValue());
		}
		for (String header : Headers.OFF_BY_DEFAULT) {
			Headers.assertNone(response, header);
		}
		Headers.assertCacheControl(response, cacheControl);
	}

	static Stream<Arguments> applicationValues() {
		Map<String, String> values = Map.of(Headers.HSTS, "max-age=5", Headers.CONTENT_TYPE_OPTIONS, "nosniff",
				Headers.FRAME_OPTIONS, "SAMEORIGIN", Headers.REFERRER_POLICY, "origin", Headers.PERMISSIONS_POLICY,
				"camera=(self)", CACHE_CONTROL, "private, max-age=10");
		return values.entrySet()
			.stream()
			.flatMap((entry) -> Stream.of("set", "add", "entity")
				.map((mode) -> Arguments.of(entry.getKey(), entry.getValue(), mode)));
	}

	@ParameterizedTest(name = "{0}: {1} ({2})")
	@MethodSource("applicationValues")
	void theApplicationsValueWinsAndIsNeverDoubled(String name, String value, String mode) {
		HttpResponse<String> response = app.https().get("api.example.test", Headers.own(name, value, mode));
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(response, name, value);
	}

	@ParameterizedTest
	@MethodSource("hosts")
	void everyHostGetsTheOtherHeadersButOnlyRealHostsGetHsts(String host) {
		HttpResponse<String> response = app.https().get(host, "/ok");
		Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		Headers.assertExactlyOne(response, CACHE_CONTROL, NO_STORE);
		Headers.assertNone(response, Headers.HSTS);
	}

	static Stream<String> hosts() {
		return Stream.of("localhost", "127.0.0.1");
	}

	@org.junit.jupiter.api.Test
	void plainHttpGetsEverythingButHsts() {
		try (RunningApp plain = RunningApp.plain(new Class<?>[] { HeadersApplication.class })) {
			HttpResponse<String> response = Http.plain(plain.port()).get("api.example.test", "/ok");
			Headers.assertNone(response, Headers.HSTS);
			Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
			Headers.assertExactlyOne(response, CACHE_CONTROL, NO_STORE);
		}
	}

}
