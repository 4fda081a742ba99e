package dev.hsts.servlet;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import dev.hsts.core.TrustedHosts;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Hostile requests end to end, over real TLS on raw sockets, against an application with
 * trusted hosts on, once with forwarded headers off and once with
 * {@code server.forward-headers-strategy=native} and the test client as the trusted proxy
 * (so every {@code X-Forwarded-*} header is believed): oversized headers, many Host
 * headers, a Host with NUL or CR/LF, absurd forwarded chains, HTTP/1.0 without Host, a
 * request line over the limit. Each gets an answer within seconds; never a 5xx, never a
 * stack trace; a 4xx from Tomcat or, where the request reaches the starter, the
 * documented problem (never with HSTS; Tomcat's own answer carries it only for a request
 * with one served {@code Host}); a request that is let through only ever shows the
 * application a served host.
 */
class HostileRequestsOverTlsTest {

	static final String ALLOWED = "api.example.test,*.example.test,localhost";

	static final TrustedHosts POLICY = TrustedHosts.of(List.of(ALLOWED.split(",")), List.of());

	static final String HSTS = "Strict-Transport-Security";

	static RunningApp forwardedOff;

	static RunningApp nativeProxy;

	@BeforeAll
	static void start() {
		forwardedOff = app();
		nativeProxy = app("server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
	}

	static RunningApp app(String... properties) {
		String[] all = Stream.concat(Stream.of("security.headers.trusted-hosts.allowed=" + ALLOWED,
				"logging.level.org.apache=OFF", "logging.level.dev.hsts=OFF"), Stream.of(properties))
			.toArray(String[]::new);
		return RunningApp.https(new Class<?>[] { TrustedHostsApplication.class }, all);
	}

	@AfterAll
	static void stop() {
		for (RunningApp app : new RunningApp[] { forwardedOff, nativeProxy }) {
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
	 * Tomcat may answer first
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

	static Arguments of(String description, String request, Expect off, Expect nativeProxy) {
		return Arguments.of(description, request, off, nativeProxy);
	}

	static String get(String... headerLines) {
		return "GET /host HTTP/1.1\r\n" + String.join("\r\n", headerLines) + "\r\nConnection: close\r\n\r\n";
	}

	static Stream<Arguments> hostileRequests() {
		String host = "Host: api.example.test";
		return Stream.of(
				// Oversized headers (Tomcat's limit: 8 KiB for the request line and
				// headers, 100 headers).
				of("one header of 16 KiB", get(host, "X-Big: " + "a".repeat(16 * 1024)), Expect.REFUSED,
						Expect.REFUSED),
				of("one header of 1 MiB", get(host, "X-Big: " + "a".repeat(1024 * 1024)), Expect.REFUSED,
						Expect.REFUSED),
				of("300 small headers", get(with(host, manyLines("X-H%d: v", 300))), Expect.REFUSED, Expect.REFUSED),
				of("a Host of 7000 characters", get("Host: " + "a.".repeat(3500) + "test"), Expect.MALFORMED,
						Expect.MALFORMED),
				// Many Host headers.
				of("two Host headers", get(host, host), Expect.REFUSED, Expect.REFUSED),
				of("100 Host headers", get(manyLines("Host: h%d.example.test", 100)), Expect.REFUSED, Expect.REFUSED),
				of("Host headers served and not served", get(host, "Host: evil.example", host), Expect.REFUSED,
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
				// Absurd X-Forwarded-* chains (believed only from the trusted proxy).
				of("X-Forwarded-For of 500 addresses", get(host, "X-Forwarded-For: " + chain("10.0.0.%d", 500)),
						Expect.SERVED, Expect.SERVED),
				of("X-Forwarded-For over the header limit", get(host, "X-Forwarded-For: " + chain("10.0.%d.1", 2000)),
						Expect.REFUSED, Expect.REFUSED),
				of("X-Forwarded-For of garbage", get(host, "X-Forwarded-For: , ,,, [::1, 999.1.1.1, unknown, <x>"),
						Expect.SERVED, Expect.SERVED),
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
						Expect.SERVED, Expect.MALFORMED),
				of("three X-Forwarded-Host headers",
						get(host, "X-Forwarded-Host: api.example.test", "X-Forwarded-Host: evil.example",
								"X-Forwarded-Host: www.example.test"),
						Expect.SERVED, Expect.SAFE),
				// Tomcat's RemoteIpValve takes X-Forwarded-Port only together with
				// X-Forwarded-Proto.
				of("X-Forwarded-Port out of range", get(host, "X-Forwarded-Port: 99999"), Expect.SERVED, Expect.SERVED),
				// Tomcat 10.1 and 11.0.24 pass an out-of-range port on (the starter
				// refuses
				// it as malformed); 11.0.27 ignores it and keeps the connector's port.
				of("X-Forwarded-Port out of range, with X-Forwarded-Proto",
						get(host, "X-Forwarded-Proto: https", "X-Forwarded-Port: 99999"), Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Port not a number, with X-Forwarded-Proto",
						get(host, "X-Forwarded-Proto: https", "X-Forwarded-Port: 4x3"), Expect.SERVED, Expect.SAFE),
				of("X-Forwarded-Port chain", get(host, "X-Forwarded-Port: " + chain("%d", 200)), Expect.SERVED,
						Expect.SAFE),
				of("X-Forwarded-Proto chain", get(host, "X-Forwarded-Proto: " + chain("https, http%d", 300)),
						Expect.SERVED, Expect.SAFE),
				of("Forwarded with a host not served", get(host, "Forwarded: for=1.2.3.4;host=evil.example;proto=http"),
						Expect.SERVED, Expect.SERVED),
				// HTTP/1.0 without Host, HTTP/1.1 without Host, request lines over the
				// limit.
				of("HTTP/1.0 without Host", "GET /host HTTP/1.0\r\n\r\n", Expect.MALFORMED, Expect.MALFORMED),
				of("HTTP/1.0 without Host, X-Forwarded-Host served",
						"GET /host HTTP/1.0\r\nX-Forwarded-Host: api.example.test\r\n\r\n", Expect.REFUSED,
						Expect.REFUSED),
				of("HTTP/1.1 without Host", "GET /host HTTP/1.1\r\nConnection: close\r\n\r\n", Expect.REFUSED,
						Expect.REFUSED),
				of("request line of 16 KiB",
						"GET /host?" + "q".repeat(16 * 1024) + " HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n",
						Expect.REFUSED, Expect.REFUSED),
				of("request target of 1 MiB",
						"GET /" + "a".repeat(1024 * 1024) + " HTTP/1.1\r\n" + host + "\r\nConnection: close\r\n\r\n",
						Expect.REFUSED, Expect.REFUSED),
				of("garbage request line", "\0\0\0\0 / HTTP/1.1\r\n" + host + "\r\n\r\n", Expect.REFUSED,
						Expect.REFUSED));
	}

	@ParameterizedTest(name = "forwarded headers off: {0}")
	@MethodSource("hostileRequests")
	void forwardedHeadersOff(String description, String request, Expect off, Expect nativeProxy) {
		check(forwardedOff, request, off);
	}

	@ParameterizedTest(name = "native, from the trusted proxy: {0}")
	@MethodSource("hostileRequests")
	void nativeFromTheTrustedProxy(String description, String request, Expect off, Expect nativeProxy) {
		check(HostileRequestsOverTlsTest.nativeProxy, request, nativeProxy);
	}

	static void check(RunningApp app, String request, Expect expect) {
		RawHttp.Response response = assertTimeoutPreemptively(Duration.ofSeconds(20),
				() -> RawHttp.https(app.port()).send(request.getBytes(StandardCharsets.ISO_8859_1)));
		int status = response.status();
		assertThat(status).as("a response, not a closed connection").isPositive();
		assertThat(status).as("never a 5xx").isLessThan(500);
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
		if (ours) {
			// The starter's refusal never promises HSTS.
			assertThat(response.headers(HSTS)).isEmpty();
		}
		else if (!response.headers(HSTS).isEmpty()) {
			// Tomcat's own answer to a request for one served host gets it, once
			// (TomcatOwnResponsesOverTlsTest).
			assertThat(response.headers(HSTS)).containsExactly("max-age=300");
			assertThat(request.split("\nHost:", -1)).as("one Host header").hasSize(2);
			assertThat(request).contains("\nHost: api.example.test\r\n");
		}
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
