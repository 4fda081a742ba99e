package dev.hsts.servlet;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.hsts.test.Http;
import dev.hsts.test.MutableClock;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollout as a client sees it, over real TLS: each pinned stage, a schedule that
 * crosses two stage boundaries on a test clock, the kill switch, and plain HTTP.
 */
class RolloutOverTlsTest {

	private static final String HSTS = "Strict-Transport-Security";

	private static final Class<?>[] APP = { ResponseKindsApplication.class };

	private static final List<String> PATHS = List.of("/ok", "/missing", "/fail", "/send-redirect", "/static.txt");

	private static void assertEveryResponse(Http http, String expected) {
		for (String path : PATHS) {
			HttpResponse<String> response = http.get("api.example.test", path);
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
		try (RunningApp app = RunningApp.https(APP, "security.headers.hsts.rollout.stage=" + stage)) {
			assertEveryResponse(app.https(), expected);
		}
	}

	@Test
	void finalStageCarriesTheIntents() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.hsts.rollout.stage=3",
				"security.headers.hsts.include-subdomains=true", "security.headers.hsts.preload=true")) {
			assertEveryResponse(app.https(), "max-age=31536000; includeSubDomains; preload");
		}
	}

	@Test
	void revokeSendsMaxAgeZeroOnEveryResponse() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.hsts.rollout.stage=3",
				"security.headers.hsts.include-subdomains=true", "security.headers.hsts.preload=true",
				"security.headers.hsts.revoke=true")) {
			assertEveryResponse(app.https(), "max-age=0");
		}
	}

	@Test
	void hstsSwitchedOffSendsNothing() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.hsts.enabled=false")) {
			assertEveryResponse(app.https(), null);
		}
	}

	@Test
	void starterSwitchedOffSendsNothing() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.enabled=false")) {
			assertEveryResponse(app.https(), null);
		}
	}

	@Test
	void scheduleCrossesTwoStageBoundariesOnTheClock() {
		Instant start = Instant.parse("2026-12-01T09:00:00Z");
		try (RunningApp app = RunningApp.https(new Class<?>[] { ResponseKindsApplication.class, TestClock.class },
				"security.headers.hsts.rollout.started-at=" + start)) {
			MutableClock clock = app.context().getBean(MutableClock.class);
			Http http = app.https();

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
	void plainHttpNeverGetsTheHeader() {
		try (RunningApp app = RunningApp.plain(APP, "security.headers.hsts.rollout.stage=3")) {
			assertEveryResponse(app.plain(), null);
			// A client cannot make the request look secure: without forwarded-header
			// handling nothing is trusted.
			HttpResponse<String> spoofed = app.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https", "Forwarded", "proto=https");
			assertThat(Http.values(spoofed, HSTS)).isEmpty();
		}
	}

	@Test
	void forwardedProtoCountsOnlyFromATrustedProxy() {
		// Tomcat's RemoteIpValve: the loopback peer of this test is the trusted proxy;
		// another peer is not.
		try (RunningApp trusted = RunningApp.plain(APP, "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")) {
			HttpResponse<String> viaProxy = trusted.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
			assertThat(Http.values(viaProxy, HSTS)).containsExactly("max-age=300");
			HttpResponse<String> direct = trusted.plain().get("api.example.test", "/ok");
			assertThat(Http.values(direct, HSTS)).isEmpty();
		}
		try (RunningApp untrusted = RunningApp.plain(APP, "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=10\\.9\\.9\\.9")) {
			HttpResponse<String> spoofed = untrusted.plain()
				.get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
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
