package dev.hsts.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import dev.hsts.test.MutableClock;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
import org.apache.catalina.util.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refusal names the header that was wrong, over real TLS to embedded Tomcat: the
 * {@code Host} header, or the forwarded header the application took its host (or port)
 * from, under {@code server.forward-headers-strategy=framework} ({@code Forwarded} wins
 * over {@code X-Forwarded-Host}, as in Spring's {@code ForwardedHeaderFilter}) and
 * {@code native} (Tomcat's {@code RemoteIpValve}, from the trusted proxy, with its
 * default and with a configured host header). The client's problem says which header,
 * never its value; the log line names the header, shows its value, and only gives advice
 * that can help: a malformed value is fixed where it is sent, a host not allowed may be
 * added to {@code security.headers.trusted-hosts.allowed}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RejectionNamesTheHeaderOverTlsTest {

	static final String ALLOWED = "api.example.test,*.example.test,localhost";

	static final String HOST_MALFORMED = "The Host header of this request is missing, repeated or malformed.";

	static final String HOST_NOT_ALLOWED = "The host of this request is not one this application serves.";

	static final String LONG_LABEL = "a".repeat(64) + ".example.test";

	static RunningApp framework;

	static RunningApp nativeProxy;

	static RunningApp nativeCustomHeader;

	@BeforeAll
	static void start() {
		framework = start("server.forward-headers-strategy=framework");
		nativeProxy = start("server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1");
		nativeCustomHeader = start("server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
				"server.tomcat.remoteip.host-header=X-Original-Host");
	}

	static RunningApp start(String... properties) {
		String[] all = Stream
			.concat(Stream.of("security.headers.trusted-hosts.allowed=" + ALLOWED, "logging.level.org.apache=OFF",
					"logging.level.org.springframework.web.filter=OFF"), Stream.of(properties))
			.toArray(String[]::new);
		return RunningApp.https(new Class<?>[] { TrustedHostsApplication.class, LogClock.class }, all);
	}

	@AfterAll
	static void stop() {
		for (RunningApp app : new RunningApp[] { framework, nativeProxy, nativeCustomHeader }) {
			if (app != null) {
				app.close();
			}
		}
	}

	/**
	 * @param reason the problem's reason
	 * @param detail the problem's detail
	 * @param header the header the log line names
	 * @param problem what the log line says is wrong, or {@code null} for a host that is
	 * not allowed
	 */
	record Expect(String reason, String detail, String header, String problem) {

		static Expect malformed(String header, String problem) {
			return new Expect("malformed",
					header.equals("Host") ? HOST_MALFORMED : "The " + header + " header of this request is malformed.",
					header, problem);
		}

		static Expect notAllowed(String header) {
			return new Expect("not-allowed", header.equals("Host") ? HOST_NOT_ALLOWED
					: "The host of this request (from its " + header + " header) is not one this application serves.",
					header, null);
		}

		@Override
		public String toString() {
			return this.reason + " " + this.header;
		}

	}

	static Arguments of(String app, String host, String header, Expect expect) {
		return Arguments.of(app, host, header, expect);
	}

	static Stream<Arguments> cases() {
		return Stream.of(
				of("framework", "api.example.test:0", null,
						Expect.malformed("Host", "its port is not a number from 1 to 65535")),
				of("framework", "evil.example", null, Expect.notAllowed("Host")),
				of("framework", "api.example.test", "X-Forwarded-Host: a_b.example.test",
						Expect.malformed("X-Forwarded-Host",
								"its host contains a character a host name cannot contain")),
				of("framework", "api.example.test", "X-Forwarded-Host: api.example.test:99999",
						Expect.malformed("X-Forwarded-Host", "its port is not a number from 1 to 65535")),
				of("framework", "api.example.test", "X-Forwarded-Host: evil.example",
						Expect.notAllowed("X-Forwarded-Host")),
				of("framework", "api.example.test", "Forwarded: host=evil.example;proto=https",
						Expect.notAllowed("Forwarded")),
				of("framework", "api.example.test", "Forwarded: host=a_b.example.test",
						Expect.malformed("Forwarded", "its host contains a character a host name cannot contain")),
				of("framework", "api.example.test",
						"Forwarded: host=evil.example\r\nX-Forwarded-Host: www.example.test",
						Expect.notAllowed("Forwarded")),
				of("native", "api.example.test", "X-Forwarded-Host: evil.example",
						Expect.notAllowed("X-Forwarded-Host")),
				of("native", "api.example.test", "X-Forwarded-Host: " + LONG_LABEL,
						Expect.malformed("X-Forwarded-Host", "its host has a label longer than 63 characters")),
				of("native", "backend.internal", "X-Forwarded-Host: api.example.test", Expect.notAllowed("Host")),
				of("native-custom", "api.example.test", "X-Original-Host: evil.example",
						Expect.notAllowed("X-Original-Host")),
				of("native-custom", "api.example.test", "X-Original-Host: " + LONG_LABEL,
						Expect.malformed("X-Original-Host", "its host has a label longer than 63 characters")));
	}

	/**
	 * Whether the running Tomcat's RemoteIpValve ignores an X-Forwarded-Port outside 1 to
	 * 65535 itself (Tomcat 11.0.27 and later; 11.0.24 and 10.1.50 pass it on).
	 */
	static boolean tomcatIgnoresAnOutOfRangeForwardedPort() {
		String[] version = ServerInfo.getServerNumber().split("\\.");
		int major = Integer.parseInt(version[0]);
		int patch = Integer.parseInt(version[2]);
		return major > 11 || (major == 11 && patch >= 27);
	}

	@Test
	void anOutOfRangeForwardedPortFromTheTrustedProxyIsNamedOrIgnoredByTomcat(CapturedOutput output) {
		nativeProxy.context().getBean(MutableClock.class).advance(Duration.ofMinutes(2));
		int before = output.getAll().length();
		RawHttp.Response response = RawHttp.https(nativeProxy.port())
			.get("/host", "Host: api.example.test", "X-Forwarded-Proto: https", "X-Forwarded-Port: 99999");
		if (tomcatIgnoresAnOutOfRangeForwardedPort()) {
			// Tomcat dropped the header: the application saw the connector's port.
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).contains("api.example.test");
			assertThat(output.getAll().substring(before)).doesNotContain("Refused a request");
		}
		else {
			TrustedHostsOverTlsTest.assertRejected(response, "malformed");
			assertThat(response.body())
				.contains("\"detail\":\"The X-Forwarded-Port header of this request is malformed.\"")
				.doesNotContain("99999");
			assertThat(output.getAll().substring(before))
				.contains("its X-Forwarded-Port header is malformed (its port is not a number from 1 to 65535");
		}
	}

	@ParameterizedTest(name = "[{index}] {0}: Host: {1}, {2} -> {3}")
	@MethodSource("cases")
	void theProblemAndTheLogNameTheHeaderThatWasWrong(String appName, String host, String header, Expect expect,
			CapturedOutput output) {
		RunningApp app = switch (appName) {
			case "framework" -> framework;
			case "native" -> nativeProxy;
			default -> nativeCustomHeader;
		};
		// The log is limited to a line per minute per reason: move its clock on.
		app.context().getBean(MutableClock.class).advance(Duration.ofMinutes(2));
		int before = output.getAll().length();
		RawHttp.Response response = (header != null) ? RawHttp.https(app.port()).get("/host", "Host: " + host, header)
				: RawHttp.https(app.port()).get("/host", "Host: " + host);

		TrustedHostsOverTlsTest.assertRejected(response, expect.reason());
		assertThat(response.body()).contains("\"detail\":\"" + expect.detail() + "\"");
		assertThat(response.body()).as("never a value from the request").doesNotContain(host).doesNotContain("evil");
		for (String line : (header != null) ? header.split("\r\n") : new String[0]) {
			assertThat(response.body()).doesNotContain(line.substring(line.indexOf(':') + 1).trim());
		}

		Matcher line = TrustedHostFilterTest.LOG_LINE.matcher(output.getAll().substring(before));
		assertThat(line.find()).as("a log line").isTrue();
		String logged = line.group();
		assertThat(logged).startsWith("Refused a request (" + expect.reason() + "): ");
		if (expect.problem() != null) {
			assertThat(logged).contains("its " + expect.header() + " header is malformed (" + expect.problem())
				.contains("Fix the")
				.doesNotContain("trusted-hosts.allowed");
		}
		else {
			assertThat(logged)
				.contains((expect.header().equals("Host") ? "the host in its Host header"
						: "the host in its " + expect.header() + " header") + " is not one the application serves")
				.contains("Add the host to security.headers.trusted-hosts.allowed if the application serves it");
			if (expect.header().equals("Host")) {
				// A proxy that rewrites Host (the host came from a forwarded header that
				// is allowed) is told how to keep it.
				assertThat(logged.contains("make the proxy pass the client's Host on unchanged"))
					.isEqualTo(header != null);
			}
		}
		if (!expect.header().equals("Host")) {
			assertThat(logged).contains(expect.header() + " '");
		}
		assertThat(logged).contains("Host '" + host + "'");
	}

	@Configuration(proxyBeanMethods = false)
	static class LogClock {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
		}

	}

}
