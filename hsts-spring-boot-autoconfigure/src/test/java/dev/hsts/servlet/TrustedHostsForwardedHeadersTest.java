package dev.hsts.servlet;

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

/**
 * Forwarded hosts over real TLS: with {@code server.forward-headers-strategy=native}
 * (Tomcat's RemoteIpValve) from a trusted and from an untrusted peer, and with
 * {@code framework} (Spring's ForwardedHeaderFilter, which trusts everyone). A forwarded
 * host counts exactly where the server uses it, and a client never gets a host past the
 * check by adding forwarded headers. {@code internal-proxies} is a regular expression,
 * which Tomcat 10.1 (Boot 3.5) and Tomcat 11 (Boot 4) both accept.
 */
class TrustedHostsForwardedHeadersTest {

	static final String ALLOWED = "api.example.test,*.example.test,localhost,::1";

	static final TrustedHosts POLICY = TrustedHosts.of(List.of(ALLOWED.split(",")), List.of());

	static RunningApp nativeTrusted;

	static RunningApp nativeUntrusted;

	static RunningApp framework;

	@BeforeAll
	static void start() {
		nativeTrusted = start("server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
		nativeUntrusted = start("server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=10\\.9\\.9\\.9");
		framework = start("server.forward-headers-strategy=framework");
	}

	static RunningApp start(String... properties) {
		String[] all = Stream
			.concat(Stream.of("security.headers.trusted-hosts.allowed=" + ALLOWED, "logging.level.org.apache=OFF",
					"logging.level.org.springframework.web.filter=OFF"), Stream.of(properties))
			.toArray(String[]::new);
		return RunningApp.https(new Class<?>[] { TrustedHostsApplication.class }, all);
	}

	@AfterAll
	static void stop() {
		for (RunningApp app : new RunningApp[] { nativeTrusted, nativeUntrusted, framework }) {
			if (app != null) {
				app.close();
			}
		}
	}

	/**
	 * What a case expects: the server name the application sees (200), a rejection reason
	 * (400), or just safety.
	 */
	record Expect(String serverName, String reason) {

		static Expect allowed(String serverName) {
			return new Expect(serverName, null);
		}

		static Expect rejected(String reason) {
			return new Expect(null, reason);
		}

		static Expect safe() {
			return new Expect(null, null);
		}

		@Override
		public String toString() {
			return (this.serverName != null) ? "200 " + this.serverName
					: (this.reason != null) ? "400 " + this.reason : "safe";
		}

	}

	static Arguments of(String host, String header, Expect expect) {
		return Arguments.of(host, header, expect);
	}

	static Stream<Arguments> nativeTrustedCases() {
		return Stream.of(
				of("api.example.test", "X-Forwarded-Host: www.example.test", Expect.allowed("www.example.test")),
				of("api.example.test", "X-Forwarded-Host: WWW.example.test:8443", Expect.allowed("WWW.example.test")),
				of("api.example.test", "X-Forwarded-Host: api.example.test", Expect.allowed("api.example.test")),
				of("api.example.test", "X-Forwarded-Host: evil.com", Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: evil.com:443", Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: example.test", Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: 10.1.2.3", Expect.rejected("not-allowed")),
				of("backend.internal", "X-Forwarded-Host: api.example.test", Expect.rejected("not-allowed")),
				of("evil.com", "X-Forwarded-Host: api.example.test", Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: evil.com:443@api.example.test", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test@evil.com", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: evil.com, api.example.test", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test, evil.com", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: a b", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test:0", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: [::1", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: ", Expect.safe()),
				of("api.example.test", "Forwarded: host=evil.com", Expect.allowed("api.example.test")),
				of("api.example.test", "X-Forwarded-Port: 99999", Expect.safe()));
	}

	@ParameterizedTest(name = "[{index}] Host: {0}, {1} -> {2}")
	@MethodSource("nativeTrustedCases")
	void nativeFromATrustedProxy(String host, String header, Expect expect) {
		check(nativeTrusted, host, header, expect);
	}

	static Stream<Arguments> nativeUntrustedCases() {
		return Stream.of(of("api.example.test", "X-Forwarded-Host: evil.com", Expect.allowed("api.example.test")),
				of("api.example.test", "X-Forwarded-Host: evil.com:443@x", Expect.allowed("api.example.test")),
				of("api.example.test", "X-Forwarded-Host: www.example.test", Expect.allowed("api.example.test")),
				of("evil.com", "X-Forwarded-Host: api.example.test", Expect.rejected("not-allowed")),
				of("evil.com", "Forwarded: host=api.example.test", Expect.rejected("not-allowed")),
				of("api.example.test:0", "X-Forwarded-Host: api.example.test", Expect.safe()));
	}

	@ParameterizedTest(name = "[{index}] Host: {0}, {1} -> {2}")
	@MethodSource("nativeUntrustedCases")
	void nativeFromAnUntrustedPeer(String host, String header, Expect expect) {
		check(nativeUntrusted, host, header, expect);
	}

	static Stream<Arguments> frameworkCases() {
		return Stream.of(
				of("api.example.test", "X-Forwarded-Host: www.example.test", Expect.allowed("www.example.test")),
				of("api.example.test", "X-Forwarded-Host: www.example.test:8443", Expect.allowed("www.example.test")),
				of("api.example.test", "Forwarded: host=www.example.test", Expect.allowed("www.example.test")),
				of("api.example.test", "Forwarded: host=\"www.example.test:443\";proto=https",
						Expect.allowed("www.example.test")),
				of("api.example.test", "X-Forwarded-Host: evil.com", Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: EVIL.com.:443", Expect.rejected("not-allowed")),
				of("api.example.test", "Forwarded: host=evil.com", Expect.rejected("not-allowed")),
				of("api.example.test", "Forwarded: for=192.0.2.1;host=evil.com;proto=https",
						Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: example.test", Expect.rejected("not-allowed")),
				of("evil.com", "X-Forwarded-Host: api.example.test", Expect.rejected("not-allowed")),
				of("evil.com", "Forwarded: host=api.example.test", Expect.rejected("not-allowed")),
				of("api.example.test", "X-Forwarded-Host: evil.com, api.example.test", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test, evil.com", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: evil.com:443@api.example.test", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test@evil.com", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: a b", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: [::1", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: [::1]:8443", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test:99999", Expect.rejected("malformed")),
				of("api.example.test", "X-Forwarded-Port: 99999", Expect.safe()),
				of("api.example.test", "Forwarded: host=\"api.example.test:65536\"", Expect.safe()),
				of("api.example.test", "X-Forwarded-Host: api.example.test:x", Expect.safe()),
				of("api.example.test", "Forwarded: host=\"evil.com", Expect.safe()),
				of("api.example.test", "Forwarded: host=", Expect.safe()));
	}

	@ParameterizedTest(name = "[{index}] Host: {0}, {1} -> {2}")
	@MethodSource("frameworkCases")
	void frameworkTrustsEveryoneSoItsHostIsChecked(String host, String header, Expect expect) {
		check(framework, host, header, expect);
	}

	static void check(RunningApp app, String host, String header, Expect expect) {
		RawHttp.Response response = RawHttp.https(app.port()).get("/host", "Host: " + host, header);
		assertThat(response.status()).as("never a 5xx").isLessThan(500);
		if (expect.serverName() != null) {
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).isEqualTo("serverName=" + expect.serverName());
		}
		else if (expect.reason() != null) {
			TrustedHostsOverTlsTest.assertRejected(response, expect.reason());
		}
		if (response.status() == 200) {
			String serverName = response.body().substring("serverName=".length());
			assertThat(POLICY.allowsHost(serverName))
				.as("the application only ever sees an allowed host: " + serverName)
				.isTrue();
		}
		else {
			assertThat(response.status()).isBetween(400, 499);
			assertThat(response.header("X-App-Filter")).isNull();
			assertThat(response.headers("Strict-Transport-Security")).isEmpty();
		}
	}

}
