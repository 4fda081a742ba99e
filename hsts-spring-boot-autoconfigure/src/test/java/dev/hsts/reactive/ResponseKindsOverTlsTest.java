package dev.hsts.reactive;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.util.ClassUtils;

import static dev.hsts.test.Headers.CACHE_CONTROL;
import static dev.hsts.test.Headers.HSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every kind of response a WebFlux application sends, over real TLS, on Reactor Netty and
 * on Tomcat reactive, with a real client: each carries exactly one
 * Strict-Transport-Security header with the active stage's value and exactly one of each
 * other default header; the Cache-Control default goes on every response the application
 * chose none for, except 304s; the application's own values win and are never doubled;
 * and hosts that must not get HSTS get none (but the other headers). The reactive
 * counterpart of {@code dev.hsts.servlet.ResponseKindsOverTlsTest} and
 * {@code HeaderDefaultsOverTlsTest}.
 */
class ResponseKindsOverTlsTest {

	static final String NO_STORE = "no-store";

	static final String FAR_FUTURE = "Fri, 01 Jan 2100 00:00:00 GMT";

	static final Map<Server, RunningReactiveApp> apps = new EnumMap<>(Server.class);

	@BeforeAll
	static void start() {
		for (Server server : Server.ofThisRun()) {
			apps.put(server,
					RunningReactiveApp.https(server, new Class<?>[] { ReactiveResponseKindsApplication.class },
							"logging.level.org.springframework.web.server.adapter=OFF",
							"logging.level.org.springframework.boot.autoconfigure.web.reactive.error=OFF",
							"logging.level.org.springframework.boot.webflux.autoconfigure.error=OFF",
							"logging.level.reactor.netty=OFF", "logging.level.org.apache.catalina.core=OFF"));
		}
	}

	@AfterAll
	static void stop() {
		apps.values().forEach(RunningReactiveApp::close);
	}

	/**
	 * A request and what it must get.
	 *
	 * @param method the method
	 * @param path the path
	 * @param headers request headers, name, value pairs
	 * @param status the status
	 * @param cacheControl the Cache-Control it must get, {@code null}: none
	 */
	record Kind(String method, String path, String[] headers, int status, String cacheControl) {

		static Kind of(String method, String path, int status) {
			return new Kind(method, path, new String[0], status, NO_STORE);
		}

		static Kind of(String method, String path, int status, String cacheControl, String... headers) {
			return new Kind(method, path, headers, status, cacheControl);
		}

		@Override
		public String toString() {
			return this.method + " " + this.path
					+ ((this.headers.length > 0) ? " " + Arrays.toString(this.headers) : "") + " -> " + this.status;
		}

	}

	static List<Kind> kinds() {
		return List.of(
				// Annotated handler results.
				Kind.of("GET", "/ok", 200), Kind.of("HEAD", "/ok", 200), Kind.of("OPTIONS", "/ok", 200),
				Kind.of("POST", "/ok", 200), Kind.of("GET", "/plain-string", 200), Kind.of("GET", "/flux", 200),
				Kind.of("GET", "/entity", 200), Kind.of("GET", "/async", 200), Kind.of("GET", "/empty", 200),
				Kind.of("GET", "/big", 200),
				// Committed early: by the handler, by an application filter.
				Kind.of("GET", "/set-complete", 202), Kind.of("GET", "/flush-early", 200),
				Kind.of("GET", "/filter-answers", 204),
				// Redirects.
				Kind.of("GET", "/redirect-entity", 302), Kind.of("GET", "/redirect-view", 303),
				Kind.of("GET", "/rendering-redirect", 302),
				// Conditional requests, the application's own Cache-Control.
				Kind.of("GET", "/etag", 200), Kind.of("GET", "/etag", 304, null, "If-None-Match", "\"v1\""),
				Kind.of("GET", "/catalog", 200, ReactiveResponseKindsApplication.CATALOG_CACHE_CONTROL),
				// Errors: routing, Boot's error handling (JSON and HTML), status
				// exceptions,
				// the application's WebExceptionHandler and @ExceptionHandler.
				Kind.of("GET", "/missing", 404), Kind.of("DELETE", "/etag", 405), Kind.of("GET", "/fail", 500),
				Kind.of("GET", "/fail", 500, NO_STORE, "Accept", "text/html"), Kind.of("GET", "/mono-error", 500),
				Kind.of("GET", "/flux-fails-first", 500), Kind.of("GET", "/filter-fail", 500),
				Kind.of("GET", "/status/400", 400), Kind.of("GET", "/status/418", 418),
				Kind.of("GET", "/status/503", 503), Kind.of("GET", "/custom-handled", 409),
				Kind.of("GET", "/exception-handler", 422),
				// Streams.
				Kind.of("GET", "/sse", 200), Kind.of("GET", "/stream", 200), Kind.of("GET", "/stream-buffers", 200),
				// Static resources.
				Kind.of("GET", "/static.txt", 200), Kind.of("HEAD", "/static.txt", 200),
				Kind.of("GET", "/static.txt", 304, null, "If-Modified-Since", FAR_FUTURE),
				// The functional router.
				Kind.of("GET", "/fn/ok", 200), Kind.of("GET", "/fn/status/418", 418), Kind.of("GET", "/fn/fail", 500),
				Kind.of("GET", "/fn/error-signal", 500), Kind.of("GET", "/fn/not-found", 404),
				Kind.of("GET", "/fn/redirect", 307), Kind.of("GET", "/fn/etag", 200),
				Kind.of("GET", "/fn/etag", 304, null, "If-None-Match", "\"fn1\""),
				Kind.of("GET", "/fn/catalog", 200, ReactiveResponseKindsApplication.CATALOG_CACHE_CONTROL),
				Kind.of("GET", "/fn/sse", 200));
	}

	/** Every kind on every server. */
	static Stream<Arguments> responseKinds() {
		return Server.ofThisRun()
			.stream()
			.flatMap((server) -> kinds().stream().map((kind) -> Arguments.of(server, kind)));
	}

	static void assertDefaults(HttpResponse<String> response, String hsts, String cacheControl) {
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			if (header.getKey().equals(HSTS)) {
				continue;
			}
			Headers.assertExactlyOne(response, header.getKey(), header.getValue());
		}
		if (hsts != null) {
			Headers.assertExactlyOne(response, HSTS, hsts);
		}
		else {
			Headers.assertNone(response, HSTS);
		}
		for (String header : Headers.OFF_BY_DEFAULT) {
			Headers.assertNone(response, header);
		}
		Headers.assertCacheControl(response, cacheControl);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("responseKinds")
	void everySecureResponseCarriesExactlyOneOfEachDefaultHeader(Server server, Kind kind) {
		HttpResponse<String> response = apps.get(server)
			.https()
			.send(kind.method(), "api.example.test", kind.path(), kind.headers());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(kind.status());
		assertDefaults(response, "max-age=300", kind.cacheControl());
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("responseKinds")
	void hostsThatMustNotGetHstsGetNoneButTheOtherHeaders(Server server, Kind kind) {
		for (String host : new String[] { "localhost", "127.0.0.1", "[::1]", "dev.localhost", "LOCALHOST.",
				"10.1.2.3" }) {
			HttpResponse<String> response = apps.get(server)
				.https()
				.send(kind.method(), host, kind.path(), kind.headers());
			assertThat(response.statusCode()).as(host).isEqualTo(kind.status());
			assertDefaults(response, null, kind.cacheControl());
		}
	}

	static Stream<Arguments> hostNamesThatGetTheHeader() {
		return Server.ofThisRun()
			.stream()
			.flatMap((server) -> Stream
				.of("api.example.test", "API.Example.TEST", "api.example.test.", "localhost.example.test",
						"example.com")
				.map((host) -> Arguments.of(server, host)));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("hostNamesThatGetTheHeader")
	void hostNamesGetTheHeaderWhateverTheirSpelling(Server server, String host) {
		HttpResponse<String> response = apps.get(server).https().get(host, "/ok");
		Headers.assertExactlyOne(response, HSTS, "max-age=300");
	}

	static Stream<Arguments> applicationHstsValues() {
		return Server.ofThisRun()
			.stream()
			.flatMap((server) -> Stream.of(Arguments.of(server, "/own-hsts-set", "max-age=5"),
					Arguments.of(server, "/own-hsts-added", "max-age=6"),
					Arguments.of(server, "/own-hsts-entity", "max-age=7"),
					Arguments.of(server, "/fn/own-hsts", "max-age=8"),
					Arguments.of(server, "/own-hsts-before-commit", "max-age=9"),
					Arguments.of(server, "/own-hsts-same-value", "max-age=300")));
	}

	@ParameterizedTest(name = "{0}: {1}")
	@MethodSource("applicationHstsValues")
	void theApplicationsOwnHstsWinsAndIsNotDuplicated(Server server, String path, String value) {
		HttpResponse<String> response = apps.get(server).https().get("api.example.test", path);
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(response, HSTS, value);
	}

	/** Both servers, or Tomcat alone where Netty is not on the class path. */
	static List<Server> servers() {
		return Server.ofThisRun();
	}

	static Stream<Arguments> applicationValues() {
		Map<String, String> values = Map.of(HSTS, "max-age=5", Headers.CONTENT_TYPE_OPTIONS, "nosniff",
				Headers.FRAME_OPTIONS, "SAMEORIGIN", Headers.REFERRER_POLICY, "origin", Headers.PERMISSIONS_POLICY,
				"camera=(self)", CACHE_CONTROL, "private, max-age=10");
		return values.entrySet()
			.stream()
			.flatMap((entry) -> Stream.of("set", "add", "entity")
				.map((mode) -> Arguments.of(Server.ofThisRun().get(0), entry.getKey(), entry.getValue(), mode)));
	}

	@ParameterizedTest(name = "{0}: {1}: {2} ({3})")
	@MethodSource("applicationValues")
	void theApplicationsValueWinsAndIsNeverDoubled(Server server, String name, String value, String mode) {
		HttpResponse<String> response = apps.get(server)
			.https()
			.get("api.example.test", Headers.own(name, value, mode));
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(response, name, value);
	}

	@ParameterizedTest
	@MethodSource("servers")
	void aResponseCommittedBeforeTheHandlerFailsKeepsItsHeaders(Server server) {
		// Read off the wire: the body may end abruptly, the headers went out with the
		// commit.
		RawHttp.Response response = apps.get(server).raw().getWithHost("/write-then-error", "api.example.test");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).startsWith("committed early");
		assertThat(response.headers(HSTS)).containsExactly("max-age=300");
		for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
			assertThat(response.headers(header.getKey())).as(header.getKey()).containsExactly(header.getValue());
		}
		assertThat(response.headers(CACHE_CONTROL)).containsExactly(NO_STORE);
	}

	/**
	 * {@link RunningReactiveApp} runs the server it was asked for, configured as Boot
	 * configures the server it picks itself: {@code server.ssl.*} (the test certificate
	 * is served), {@code server.address} (loopback IPv4 only); and without Spring
	 * Security, whose reactive auto-configuration the test applications exclude (with it,
	 * this unauthenticated request would get a 401).
	 */
	@ParameterizedTest
	@MethodSource("servers")
	void theRequestsAreServedByTheChosenServerAsBootConfiguresIt(Server server) {
		RunningReactiveApp app = apps.get(server);
		// Boot 4: org.springframework.boot.web.server.reactive; Boot 3.5:
		// org.springframework.boot.web.reactive.server.
		Class<?> factoryType = Stream
			.of("org.springframework.boot.web.server.reactive.ReactiveWebServerFactory",
					"org.springframework.boot.web.reactive.server.ReactiveWebServerFactory")
			.filter((name) -> ClassUtils.isPresent(name, getClass().getClassLoader()))
			.map((name) -> ClassUtils.resolveClassName(name, getClass().getClassLoader()))
			.findFirst()
			.orElseThrow();
		assertThat(app.context().getBeanNamesForType(factoryType))
			.containsExactly(RunningReactiveApp.FACTORY_BEAN_NAME);
		assertThat(app.context().getType(RunningReactiveApp.FACTORY_BEAN_NAME)).isEqualTo(server.factoryClass());
		assertThat(app.context().getBeanNamesForType(SecurityWebFilterChain.class)).isEmpty();

		HttpResponse<String> response = app.https().get("api.example.test", "/server");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).containsIgnoringCase((server == Server.NETTY) ? "reactor" : "catalina");
		assertThat(Http.values(response, HSTS)).containsExactly("max-age=300");

		// Bound to 127.0.0.1 only.
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(InetAddress.getByName("::1"), app.port()), 5_000);
			}
		});
	}

}
