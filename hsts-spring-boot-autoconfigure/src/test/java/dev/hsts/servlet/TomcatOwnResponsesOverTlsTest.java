package dev.hsts.servlet;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The responses embedded Tomcat makes itself, over real TLS on raw sockets: requests it
 * refuses before any filter runs, and a path outside the context path. Each goes through
 * Tomcat's valve pipeline to its error report, where the starter's valve adds the same
 * headers the filter would, exactly once: {@code Strict-Transport-Security} when the
 * request is secure and its {@code Host} one the application serves (not when Tomcat
 * refused the {@code Host}, or never got to read it), and the other headers always. The
 * few responses no valve can reach are checked too, so that the list in the README stays
 * true.
 */
class TomcatOwnResponsesOverTlsTest {

	static final String HOST = "Host: api.example.test";

	static final String HSTS = "Strict-Transport-Security";

	static final Map<String, String> OTHER_HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options",
			"DENY", "Referrer-Policy", "no-referrer", "Permissions-Policy", "geolocation=(), microphone=(), camera=()",
			"Cache-Control", "no-store");

	static RunningApp app;

	static RunningApp behindProxy;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { ResponseKindsApplication.class },
				"security.headers.trusted-hosts.allowed=api.example.test,localhost", "server.servlet.context-path=/app",
				"logging.level.org.apache=OFF", "logging.level.dev.hsts=OFF");
		behindProxy = RunningApp.plain(new Class<?>[] { ResponseKindsApplication.class },
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
				"logging.level.org.apache=OFF");
	}

	@AfterAll
	static void stop() {
		for (RunningApp running : new RunningApp[] { app, behindProxy }) {
			if (running != null) {
				running.close();
			}
		}
	}

	static String request(String requestLine, String... headerLines) {
		StringBuilder request = new StringBuilder(requestLine).append("\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		return request.append("Connection: close\r\n\r\n").toString();
	}

	static String get(String target, String... headerLines) {
		return request("GET " + target + " HTTP/1.1", headerLines);
	}

	/** Tomcat's error report. */
	static Arguments of(String description, String request, int status, boolean hsts) {
		return Arguments.of(description, request, status, hsts, true);
	}

	/** The application's error page. */
	static Arguments byTheApplication(String description, String request, int status) {
		return Arguments.of(description, request, status, true, false);
	}

	/**
	 * Tomcat's own answers, with whether a secure request for a served host gets HSTS:
	 * not where Tomcat refused the Host or stopped before reading the headers.
	 */
	static Stream<Arguments> tomcatsOwnAnswers() {
		StringBuilder manyHeaders = new StringBuilder();
		for (int i = 0; i < 120; i++) {
			manyHeaders.append(i > 0 ? "\r\n" : "").append("X-H").append(i).append(": v");
		}
		return Stream.of(
				// The Host header (HSTS never: Tomcat refused the host).
				of("two Host headers", get("/app/ok", HOST, HOST), 400, false),
				of("no Host header (HTTP/1.1)", get("/app/ok"), 400, false),
				of("'_' in the Host", get("/app/ok", "Host: a_b.example.test"), 400, false),
				of("an empty label in the Host", get("/app/ok", "Host: a..b.example.test"), 400, false),
				of("a label ending in '-'", get("/app/ok", "Host: a-.example.test"), 400, false),
				of("a Host starting with '-'", get("/app/ok", "Host: -a.example.test"), 400, false),
				of("a port that is not a number", get("/app/ok", "Host: api.example.test:x"), 400, false),
				of("user information in the Host", get("/app/ok", "Host: a@api.example.test"), 400, false),
				of("an IPv6 address without brackets", get("/app/ok", "Host: ::1"), 400, false),
				of("a NUL in the Host", get("/app/ok", "Host: api.example.test\0x"), 400, false),
				of("a space in the Host", get("/app/ok", "Host: api example.test"), 400, false),
				// The URL.
				of("a bad %-encoding", get("/app/%zz", HOST), 400, true),
				of("an encoded '/' (%2F)", get("/app/a%2Fb", HOST), 400, true),
				of("an encoded '\\' (%5C)", get("/app/a%5Cb", HOST), 400, true),
				of("an encoded NUL (%00)", get("/app/a%00b", HOST), 400, true),
				of("'..' above the root", get("/../app/ok", HOST), 400, true),
				of("'%2e%2e' above the root", get("/%2e%2e/app/ok", HOST), 400, true),
				of("'*' as the target of a GET", get("*", HOST), 400, true),
				of("an absolute target for another host", get("https://evil.example/app/ok", HOST), 400, true),
				of("an absolute target with another scheme", get("ftp://api.example.test/app/ok", HOST), 400, true),
				// Where Tomcat stops before reading the headers, there is no Host to go
				// by.
				of("'|' in the target", get("/app/a|b", HOST), 400, false),
				of("'{' in the target", get("/app/a{b", HOST), 400, false),
				of("'\\' in the target", get("/app/a\\b", HOST), 400, false),
				of("'<' in the query", get("/app/ok?a=<", HOST), 400, false),
				of("a malformed method", request("G(T /app/ok HTTP/1.1", HOST), 400, false),
				of("a request target of 1 MiB", get("/app/" + "a".repeat(1024 * 1024), HOST), 400, false),
				// The rest of the request line and the headers.
				of("HTTP/1.2", request("GET /app/ok HTTP/1.2", HOST), 505, true),
				of("CONNECT", request("CONNECT api.example.test:443 HTTP/1.1", HOST), 501, true),
				of("a header line without ':'", get("/app/ok", HOST, "Foo"), 400, true),
				of("a space in a header name", get("/app/ok", HOST, "Fo o: x"), 400, true),
				of("a bare CR in a header", get("/app/ok", HOST, "X-A: a\rb"), 400, true),
				of("a header of 16 KiB", get("/app/ok", HOST, "X-Big: " + "a".repeat(16 * 1024)), 400, true),
				of("a header of 1 MiB", get("/app/ok", HOST, "X-Big: " + "a".repeat(1024 * 1024)), 400, true),
				of("more than 100 headers", get("/app/ok", HOST, manyHeaders.toString()), 400, true),
				of("Expect other than 100-continue", get("/app/ok", HOST, "Expect: x"), 417, true),
				of("Transfer-Encoding gzip", request("POST /app/ok HTTP/1.1", HOST, "Transfer-Encoding: gzip"), 501,
						true),
				of("Content-Length not a number", request("POST /app/ok HTTP/1.1", HOST, "Content-Length: x"), 400,
						true),
				of("two Content-Lengths",
						request("POST /app/ok HTTP/1.1", HOST, "Content-Length: 1", "Content-Length: 2"), 400, true),
				// Not a refusal: a path outside the context path.
				of("a path outside the context path", get("/ok", HOST), 404, true));
	}

	/**
	 * Where Tomcat refuses a request but the application's error page renders the answer
	 * (too many cookies, TRACE, {@code /WEB-INF}), the filter writes the headers: still
	 * once.
	 */
	static Stream<Arguments> answersTheApplicationRenders() {
		return Stream.of(
				byTheApplication("too many cookies", get("/app/ok", HOST, "Cookie: " + "a=b; ".repeat(300)), 400),
				byTheApplication("TRACE", request("TRACE /app/ok HTTP/1.1", HOST), 405),
				byTheApplication("a path under /WEB-INF", get("/app/WEB-INF/x", HOST), 404));
	}

	static Stream<Arguments> answers() {
		return Stream.concat(tomcatsOwnAnswers(), answersTheApplicationRenders());
	}

	@ParameterizedTest(name = "{0} -> {2}")
	@MethodSource("answers")
	void theHeadersOnceOnEveryAnswer(String description, String request, int status, boolean hsts,
			boolean tomcatsPage) {
		RawHttp.Response response = send(app, request);
		assertThat(response.status()).isEqualTo(status);
		String contentType = response.header("Content-Type");
		assertThat(contentType != null && contentType.startsWith("text/html"))
			.as("Tomcat's error report, not the application's error page: " + contentType)
			.isEqualTo(tomcatsPage);
		assertTheHeadersOnce(response, hsts);
	}

	/**
	 * Answered before the valve pipeline, or without headers at all: none of the
	 * starter's headers. (The README lists them.)
	 */
	@Test
	void answersNoValveCanReach() {
		RawHttp.Response options = send(app, request("OPTIONS * HTTP/1.1", HOST));
		assertThat(options.status()).isEqualTo(200);
		assertThat(options.header("Allow")).isNotNull();
		assertNoneOfTheHeaders(options);

		RawHttp.Response contextRoot = send(app, get("/app", HOST));
		assertThat(contextRoot.status()).isEqualTo(302);
		assertThat(contextRoot.header("Location")).endsWith("/app/");
		assertNoneOfTheHeaders(contextRoot);

		RawHttp.Response http09 = send(app, "GET /app/ok\r\n");
		assertThat(http09.status()).as("HTTP/0.9: a body without a status line or headers").isEqualTo(-1);
		assertThat(http09.headers()).isEmpty();
	}

	@Test
	void behindATrustedProxyTheForwardedProtoCounts() {
		String proto = "X-Forwarded-Proto: https";
		RawHttp.Response secure = send(behindProxy, get("/a%2Fb", HOST, proto));
		assertThat(secure.status()).isEqualTo(400);
		assertTheHeadersOnce(secure, true);

		RawHttp.Response plain = send(behindProxy, get("/a%2Fb", HOST));
		assertThat(plain.status()).isEqualTo(400);
		assertTheHeadersOnce(plain, false);

		// With the trusted-host check off, a host Tomcat refuses still never gets HSTS.
		RawHttp.Response refusedHost = send(behindProxy, get("/ok", "Host: a_b.example.test", proto));
		assertThat(refusedHost.status()).isEqualTo(400);
		assertThat(refusedHost.headers(HSTS)).isEmpty();
		assertThat(refusedHost.headers("X-Frame-Options")).containsExactly("DENY");
		RawHttp.Response twoHosts = send(behindProxy, get("/ok", HOST, HOST, proto));
		assertThat(twoHosts.status()).isEqualTo(400);
		assertThat(twoHosts.headers(HSTS)).isEmpty();
	}

	static RawHttp.Response send(RunningApp running, String request) {
		RawHttp http = (running == behindProxy) ? RawHttp.plain(running.port()) : RawHttp.https(running.port());
		return http.send(request.getBytes(StandardCharsets.ISO_8859_1));
	}

	static void assertTheHeadersOnce(RawHttp.Response response, boolean hsts) {
		assertThat(response.headers(HSTS)).isEqualTo(hsts ? List.of("max-age=300") : List.of());
		OTHER_HEADERS.forEach((name, value) -> assertThat(response.headers(name)).as(name).containsExactly(value));
	}

	static void assertNoneOfTheHeaders(RawHttp.Response response) {
		assertThat(response.headers(HSTS)).isEmpty();
		OTHER_HEADERS.keySet().forEach((name) -> assertThat(response.headers(name)).as(name).isEmpty());
	}

}
