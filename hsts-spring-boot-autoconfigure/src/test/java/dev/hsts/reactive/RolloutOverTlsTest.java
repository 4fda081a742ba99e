package dev.hsts.reactive;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.hsts.test.Http;
import dev.hsts.test.MutableClock;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.RunningReactiveApp.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout as a client of a WebFlux application sees it, over real TLS on Netty: each
 * pinned stage, a schedule that crosses two stage boundaries on a test clock, the kill
 * switches, plain HTTP (also with a spoofed {@code X-Forwarded-Proto}), and on Tomcat
 * reactive {@code X-Forwarded-Proto} believed only from a trusted proxy. The reactive
 * counterpart of {@code dev.hsts.servlet.RolloutOverTlsTest}.
 */
class RolloutOverTlsTest {

	private static final String HSTS = "Strict-Transport-Security";

	private static final Class<?>[] APP = { ReactiveResponseKindsApplication.class };

	private static final String[] QUIET = { "logging.level.org.springframework.web.server.adapter=OFF",
			"logging.level.org.springframework.boot.autoconfigure.web.reactive.error=OFF",
			"logging.level.org.springframework.boot.webflux.autoconfigure.error=OFF" };

	/**
	 * Handler results, 404, Boot's error handling, a redirect, a static resource, a
	 * router.
	 */
	private static final List<String> PATHS = List.of("/ok", "/missing", "/fail", "/redirect-entity", "/static.txt",
			"/fn/ok", "/sse");

	private static String[] with(String... properties) {
		String[] all = new String[QUIET.length + properties.length];
		System.arraycopy(QUIET, 0, all, 0, QUIET.length);
		System.arraycopy(properties, 0, all, QUIET.length, properties.length);
		return all;
	}

	/**
	 * A new client, so a new connection, per request (see RunningReactiveApp#https()).
	 */
	private static void assertEveryResponse(Supplier<Http> http, String expected) {
		for (String path : PATHS) {
			HttpResponse<String> response = http.get().get("api.example.test", path);
			if (expected == null) {
				assertThat(Http.values(response, HSTS)).as(path).isEmpty();
			}
			else {
				assertThat(Http.values(response, HSTS)).as(path).containsExactly(expected);
			}
		}
	}

	@ParameterizedTest(name = "stage {0}")
	@CsvSource(delimiter = '|', value = { "1|max-age=300", "2|max-age=86400", "3|max-age=31536000" })
	void eachPinnedStageSendsItsValue(int stage, String expected) {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP,
				with("security.headers.hsts.rollout.stage=" + stage))) {
			assertEveryResponse(app::https, expected);
		}
	}

	@Test
	void finalStageCarriesTheIntents() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, with("security.headers.hsts.rollout.stage=3",
				"security.headers.hsts.include-subdomains=true", "security.headers.hsts.preload=true"))) {
			assertEveryResponse(app::https, "max-age=31536000; includeSubDomains; preload");
		}
	}

	@Test
	void revokeSendsMaxAgeZeroOnEveryResponse() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP,
				with("security.headers.hsts.rollout.stage=3", "security.headers.hsts.include-subdomains=true",
						"security.headers.hsts.preload=true", "security.headers.hsts.revoke=true"))) {
			assertEveryResponse(app::https, "max-age=0");
		}
	}

	@Test
	void hstsSwitchedOffSendsNothing() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, with("security.headers.hsts.enabled=false"))) {
			assertEveryResponse(app::https, null);
			assertThat(Http.values(app.https().get("api.example.test", "/ok"), "X-Frame-Options"))
				.containsExactly("DENY");
		}
	}

	@Test
	void starterSwitchedOffSendsNothing() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, with("security.headers.enabled=false"))) {
			assertEveryResponse(app::https, null);
			assertThat(Http.values(app.https().get("api.example.test", "/ok"), "X-Frame-Options")).isEmpty();
		}
	}

	@Test
	void scheduleCrossesTwoStageBoundariesOnTheClock() {
		Instant start = Instant.parse("2026-12-01T09:00:00Z");
		try (RunningReactiveApp app = RunningReactiveApp.https(
				new Class<?>[] { ReactiveResponseKindsApplication.class, TestClock.class },
				with("security.headers.hsts.rollout.started-at=" + start))) {
			MutableClock clock = app.context().getBean(MutableClock.class);
			Supplier<Http> http = app::https;

			clock.set(start.minusSeconds(1));
			assertEveryResponse(http, null);
			clock.set(start);
			assertEveryResponse(http, "max-age=300");
			clock.set(start.plus(Duration.ofDays(1)).minusMillis(1));
			assertEveryResponse(http, "max-age=300");
			clock.set(start.plus(Duration.ofDays(1)));
			assertEveryResponse(http, "max-age=86400");
			clock.set(start.plus(Duration.ofDays(8)).minusMillis(1));
			assertEveryResponse(http, "max-age=86400");
			clock.set(start.plus(Duration.ofDays(8)));
			assertEveryResponse(http, "max-age=31536000");
			clock.advance(Duration.ofDays(1000));
			assertEveryResponse(http, "max-age=31536000");
		}
	}

	@Test
	void plainHttpNeverGetsTheHeaderEvenWithASpoofedForwardedProto() {
		try (RunningReactiveApp app = RunningReactiveApp.plain(APP, with("security.headers.hsts.rollout.stage=3"))) {
			assertEveryResponse(app::plain, null);
			// Netty with Boot's default forward-headers-strategy: nothing forwarded is
			// believed.
			HttpResponse<String> spoofed = app.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https", "Forwarded", "proto=https",
						"X-Forwarded-Ssl", "on");
			assertThat(spoofed.statusCode()).isEqualTo(200);
			assertThat(Http.values(spoofed, HSTS)).isEmpty();
			assertThat(Http.values(spoofed, "X-Frame-Options")).containsExactly("DENY");
		}
	}

	@Test
	void forwardedProtoCountsOnlyFromATrustedProxyOnTomcatReactive() {
		// Tomcat's RemoteIpValve (server.forward-headers-strategy=native): the loopback
		// peer of this test is the trusted proxy; another peer is not.
		try (RunningReactiveApp trusted = RunningReactiveApp.plain(Server.TOMCAT, APP, with(
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1"))) {
			HttpResponse<String> viaProxy = trusted.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
			assertThat(Http.values(viaProxy, HSTS)).containsExactly("max-age=300");
			HttpResponse<String> direct = trusted.plain().get("api.example.test", "/ok");
			assertThat(Http.values(direct, HSTS)).isEmpty();
			HttpResponse<String> localhost = trusted.plain().get("localhost", "/ok", "X-Forwarded-Proto", "https");
			assertThat(Http.values(localhost, HSTS)).isEmpty();
		}
		try (RunningReactiveApp untrusted = RunningReactiveApp.plain(Server.TOMCAT, APP, with(
				"server.forward-headers-strategy=native", "server.tomcat.remoteip.internal-proxies=10\\.9\\.9\\.9"))) {
			HttpResponse<String> spoofed = untrusted.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
			assertThat(spoofed.statusCode()).isEqualTo(200);
			assertThat(Http.values(spoofed, HSTS)).isEmpty();
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.EPOCH);
		}

	}

}
