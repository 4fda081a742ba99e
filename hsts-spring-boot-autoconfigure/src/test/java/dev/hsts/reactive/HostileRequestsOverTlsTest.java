package dev.hsts.reactive;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.hsts.core.TrustedHosts;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile requests end to end against a WebFlux application on Reactor Netty, over real
 * TLS on raw sockets, with trusted hosts on; once with Boot's default forwarded-header
 * handling (none) and once with {@code server.forward-headers-strategy=native} (Reactor
 * Netty then believes every client's {@code Forwarded} and {@code X-Forwarded-*} headers;
 * it has no list of trusted proxies). Oversized headers, many Host headers, a Host with
 * NUL or CR/LF, absurd forwarded chains, HTTP/1.0 without Host, request lines over the
 * limit, garbage. Each gets an answer within seconds; never a 5xx, never a stack trace; a
 * 4xx from Netty or, where the request reaches the starter, the documented problem (never
 * with HSTS); a request that is let through only ever shows the application a served
 * host. The reactive counterpart of {@code dev.hsts.servlet.HostileRequestsOverTlsTest};
 * the expectations are Netty's where the server decides (its limits: 4 KiB request line,
 * 8 KiB of headers, no limit on how many), the starter's where it does.
 */
class HostileRequestsOverTlsTest {

	static final String ALLOWED = "api.example.test,*.example.test,localhost";

	static final TrustedHosts POLICY = TrustedHosts.of(List.of(ALLOWED.split(",")), List.of());

	static final String HSTS = "Strict-Transport-Security";

	static RunningReactiveApp forwardedOff;

	static RunningReactiveApp nativeForwarded;

	@BeforeAll
	static void start() {
		forwardedOff = app();
		nativeForwarded = app("server.forward-headers-strategy=native");
	}

	static RunningReactiveApp app(String... properties) {
		String[] all = Stream
			.concat(Stream.of("security.headers.trusted-hosts.allowed=" + ALLOWED, "logging.level.reactor.netty=OFF",
					"logging.level.io.netty=OFF", "logging.level.org.springframework.web.server.adapter=OFF",
					"logging.level.dev.hsts=OFF"), Stream.of(properties))
			.toArray(String[]::new);
		return RunningReactiveApp.https(new Class<?>[] { ReactiveTrustedHostsApplication.class }, all);
	}

	@AfterAll
	static void stop() {
		for (RunningReactiveApp app : new RunningReactiveApp[] { forwardedOff, nativeForwarded }) {
			if (app != null) {
				app.close();
			}
		}
	}

	/**
	 * What a case must get.
	 *
	 * @param status an exact status, or 0 for any 4xx
	 * @param reason the problem's reason when the starter answers, or {@code null} when
	 * the server may answer first
	 * @param mayPass whether a 200 is acceptable (the application must then have seen a
	 * served host)
	 */
	record Expect(int status, String reason, boolean mayPass) {

		static final Expect REFUSED = new Expect(0, null, false);

		static final Expect MALFORMED = new Expect(400, "malformed", false);

		static final Expect NOT_ALLOWED = new Expect(400, "not-allowed", false);

		static final Expect SAFE = new Expect(0, null, true);

		static final Expect SERVED = new Expect(200, null, true);

		@Override
		public String toString() {
			return (this.status == 200) ? "200"
					: (this.reason != null) ? "400 " + this.reason : this.mayPass ? "4xx or a served host" : "4xx";
		}

	}

	static Arguments of(String description, String request, Expect off, Expect nativeForwarded) {
		return Arguments.of(description, request, off, nativeForwarded);
	}

	static String get(String... headerLines) {
		return "GET /host HTTP/1.1\r\n" + String.join("\r\n", headerLines) + "\r\nConnection: close\r\n\r\n";
	}

	static Stream<Arguments> hostileRequests() {
		String host = "Host: api.example.test";
		return Stream.of(
				// Oversized headers (Netty's limit: 8 KiB of headers; no limit on their
				// number).
				of("one header of 16 KiB", get(host, "X-Big: " + "a".repeat(16 * 1024)), Expect.REFUSED,
						Expect.REFUSED),
				of("one header of 1 MiB", get(host, "X-Big: " + "a".repeat(1024 * 1024)), Expect.REFUSED,
						Expect.REFUSED),
				of("300 small headers", get(with(host, manyLines("X-H%d: v", 300))), Expect.SAFE, Expect.SAFE),
				of("2000 small headers", get(with(host, manyLines("X-H%d: v", 2000))), Expect.REFUSED, Expect.REFUSED),
				of("a Host of 7000 characters", get("Host: " + "a.".repeat(3500) + "test"), Expect.MALFORMED,
						Expect.MALFORMED),
				// Many Host headers (RFC 9112: a server must answer 400).
				of("two Host headers", get(host, host), Expect.REFUSED, Expect.REFUSED),
				of("100 Host headers", get(manyLines("Host: h%d.example.test", 100)), Expect.REFUSED, Expect.REFUSED),
				of("Host headers served and not served", get(host, "Host: evil.example", host), Expect.REFUSED,
						Expect.REFUSED),
				of("Host headers not served and served", get("Host: evil.example", host), Expect.REFUSED,
						Expect.REFUSED),
				// NUL, CR and LF in the Host.
				of("NUL in the Host", get("Host: api.example.test\0.evil.example"), Expect.REFUSED, Expect.REFUSED),
				of("a NUL Host", get("Host: \0"), Expect.REFUSED, Expect.REFUSED),
				of("bare CR in the Host", get("Host: api.example.test\rX-Injected: 1"), Expect.REFUSED, Expect.REFUSED),
				of("bare LF in the Host, rest a line without colon", get("Host: api.exa\nmple.test"), Expect.REFUSED,
						Expect.REFUSED),
				of("CR LF in the Host, rest a line without colon", get("Host: evil.example\r\napi.example.test"),
						Expect.REFUSED, Expect.REFUSED),
				of("obs-fold continues the Host", get("Host: evil.example\r\n api.example.test"), Expect.REFUSED,
						Expect.REFUSED),
				of("obs-fold continues a served Host", get("Host: api.example.test\r\n\tevil.example"), Expect.REFUSED,
						Expect.REFUSED),
				of("encoded CR LF in the Host", get("Host: api.example.test%0d%0aX-Injected:1"), Expect.REFUSED,
						Expect.REFUSED),
				// Absurd forwarded headers (believed by Netty only with native).
				of("X-Forwarded-For of 500 addresses", get(host, "X-Forwarded-For: " + chain("10.0.0.%d", 500)),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-For over the header limit", get(host, "X-Forwarded-For: " + chain("10.0.%d.1", 2000)),
						Expect.REFUSED, Expect.REFUSED),
				of("X-Forwarded-For of garbage", get(host, "X-Forwarded-For: , ,,, [::1, 999.1.1.1, unknown, <x>"),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Host not served", get(host, "X-Forwarded-Host: evil.example"), Expect.SERVED,
						Expect.NOT_ALLOWED),
				of("X-Forwarded-Host chain of 300 hosts",
						get(host, "X-Forwarded-Host: " + chain("h%d.evil.example", 300)), Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Host chain ending in a served host",
						get(host,
								"X-Forwarded-Host: evil.example, " + chain("h%d.evil.example", 50)
										+ ", api.example.test"),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Host of 5000 characters", get(host, "X-Forwarded-Host: " + "a.".repeat(2500) + "test"),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Host with a port out of range", get(host, "X-Forwarded-Host: api.example.test:99999"),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Host with garbage", get(host, "X-Forwarded-Host: api.example.test/../@evil.example"),
						Expect.SERVED, Expect.SAFE),
				of("three X-Forwarded-Host headers",
						get(host, "X-Forwarded-Host: api.example.test", "X-Forwarded-Host: evil.example",
								"X-Forwarded-Host: www.example.test"),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Port out of range", get(host, "X-Forwarded-Port: 99999"), Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Port out of range, with X-Forwarded-Proto",
						get(host, "X-Forwarded-Proto: https", "X-Forwarded-Port: 99999"), Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Port not a number, with X-Forwarded-Proto",
						get(host, "X-Forwarded-Proto: https", "X-Forwarded-Port: 4x3"), Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Port chain", get(host, "X-Forwarded-Port: " + chain("%d", 200)), Expect.SERVED,
						Expect.SAFE),
				of("X-Forwarded-Proto chain", get(host, "X-Forwarded-Proto: " + chain("https, http%d", 300)),
						Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Proto garbage", get(host, "X-Forwarded-Proto: \u00ff\u00fe"), Expect.SERVED,
						Expect.SAFE),
				of("Forwarded with a host not served", get(host, "Forwarded: for=1.2.3.4;host=evil.example;proto=http"),
						Expect.SERVED, Expect.NOT_ALLOWED),
				of("Forwarded of garbage", get(host, "Forwarded: ;;;host=;proto=\"\";for=[::1"), Expect.SERVED,
						Expect.SAFE),
				// HTTP/1.0 without Host, HTTP/1.1 without Host, request lines over the
				// limit, garbage.
				of("HTTP/1.0 without Host", "GET /host HTTP/1.0\r\n\r\n", Expect.MALFORMED, Expect.MALFORMED),
				of("HTTP/1.0 without Host, X-Forwarded-Host served",
						"GET /host HTTP/1.0\r\nX-Forwarded-Host: api.example.test\r\n\r\n", Expect.REFUSED,
						Expect.SAFE),
				of("HTTP/1.1 without Host", "GET /host HTTP/1.1\r\nConnection: close\r\n\r\n", Expect.REFUSED,
						Expect.REFUSED),
				of("request line of 16 KiB",
						"GET /host?" + "q".repeat(16 * 1024) + " HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n",
						Expect.REFUSED, Expect.REFUSED),
				of("request target of 1 MiB",
						"GET /" + "a".repeat(1024 * 1024) + " HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n",
						Expect.REFUSED, Expect.REFUSED),
				of("garbage request line", "\0\0\0\0 / HTTP/1.1\r\n" + host + "\r\n\r\n", Expect.REFUSED,
						Expect.REFUSED),
				// Netty answers an unknown version as HTTP/1.1.
				of("unknown HTTP version", "GET /host HTTP/7.3\r\n" + host + "\r\nConnection: close\r\n\r\n",
						Expect.SAFE, Expect.SAFE),
				// WebFlux on Netty builds the request URI from the Host header, not from
				// an
				// absolute-form target (Tomcat refuses the mismatch): the application
				// sees the
				// served host.
				of("absolute-form target for a host not served",
						"GET https://evil.example/host HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n",
						Expect.SAFE, Expect.SAFE),
				of("absolute-form target and Host not served",
						"GET https://evil.example/host HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n",
						Expect.NOT_ALLOWED, Expect.NOT_ALLOWED));
	}

	@ParameterizedTest(name = "forwarded headers off: {0}")
	@MethodSource("hostileRequests")
	void forwardedHeadersOff(String description, String request, Expect off, Expect nativeForwarded) {
		check(forwardedOff, request, off);
	}

	@ParameterizedTest(name = "native (every client believed): {0}")
	@MethodSource("hostileRequests")
	void nativeForwardedHeaders(String description, String request, Expect off, Expect nativeForwarded) {
		check(HostileRequestsOverTlsTest.nativeForwarded, request, nativeForwarded);
	}

	static void check(RunningReactiveApp app, String request, Expect expect) {
		RawHttp.Response response = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> app.raw().send(request.getBytes(StandardCharsets.ISO_8859_1)));
		int status = response.status();
		assertThat(status).as("a response, not a closed connection").isPositive();
		assertThat(status).as("never a 5xx: %s", response.body()).isLessThan(500);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("\u0000");
		if (status == 200) {
			assertThat(expect.mayPass()).as("%s, got 200 with %s", expect, response.body()).isTrue();
			String serverName = response.body().substring(response.body().indexOf('=') + 1);
			assertThat(POLICY.allowsHost(serverName)).as("the application saw %s", serverName).isTrue();
			return;
		}
		assertThat(status).as("expected %s", expect).isBetween(400, 499);
		assertThat(expect.status()).as("expected %s, got %s %s", expect, status, response.body()).isIn(0, status);
		assertThat(response.header("X-App-Filter")).as("no application code ran").isNull();
		String contentType = response.header("Content-Type");
		boolean ours = contentType != null && contentType.startsWith("application/problem+json");
		// Neither the starter's refusal nor Netty's own answer promises HSTS.
		assertThat(response.headers(HSTS)).isEmpty();
		if (expect.reason() != null) {
			assertThat(ours).as("the starter's problem, got %s %s", status, response.body()).isTrue();
		}
		if (ours) {
			String reason = (expect.reason() != null) ? expect.reason() : "malformed|not-allowed";
			assertThat(response.body()).containsPattern("\"reason\":\"(" + reason + ")\"");
			assertThat(response.headers("X-Content-Type-Options")).containsExactly("nosniff");
		}
	}

	private static String[] manyLines(String format, int count) {
		String[] lines = new String[count];
		for (int i = 0; i < count; i++) {
			lines[i] = String.format(format, i);
		}
		return lines;
	}

	private static String[] with(String first, String[] rest) {
		return Stream.concat(Stream.of(first), Stream.of(rest)).toArray(String[]::new);
	}

	private static String chain(String format, int count) {
		return String.join(", ", manyLines(format, count));
	}

}
