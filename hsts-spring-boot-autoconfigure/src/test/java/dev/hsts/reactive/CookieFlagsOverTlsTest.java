package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.hsts.test.FailedStartup;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.SetCookies;
import dev.hsts.test.TestTls;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cookie flags ({@code security.headers.cookies.*}) on WebFlux over Reactor Netty,
 * over real TLS: what a browser receives in each {@code Set-Cookie} line, for
 * {@code ResponseCookie}s (written by Reactor Netty, which spells {@code HTTPOnly}), raw
 * {@code Set-Cookie} headers and the WebSession's {@code SESSION} cookie.
 */
class CookieFlagsOverTlsTest {

	private static final Class<?>[] APP = { ReactiveCookiesApplication.class };

	static SetCookies get(RunningReactiveApp app, boolean tls, String path, String... headerLines) {
		RawHttp http = tls ? RawHttp.https(app.port()) : RawHttp.plain(app.port());
		String[] lines = new String[headerLines.length + 1];
		lines[0] = "Host: app.example.test";
		System.arraycopy(headerLines, 0, lines, 1, headerLines.length);
		RawHttp.Response response = http.get(path, lines);
		assertThat(response.status()).as(path).isEqualTo(200);
		return SetCookies.of(response);
	}

	/** The attributes of a line, lower case, the name and value left out. */
	static List<String> flags(String line) {
		String[] parts = line.split(";");
		List<String> flags = new ArrayList<>();
		for (int i = 1; i < parts.length; i++) {
			flags.add(parts[i].trim().toLowerCase(Locale.ROOT));
		}
		return flags;
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class Defaults {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.https(
					new Class<?>[] { ReactiveCookiesApplication.class,
							ReactiveCookiesApplication.SessionCookieWithoutSameSite.class },
					"security.headers.cookies.enabled=true",
					"management.endpoints.web.exposure.include=securityheaders");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void cookiesWithoutFlagsGetAllThree() {
			SetCookies cookies = get(this.app, true, "/cookies/bare");
			assertThat(flags(cookies.line("obj"))).containsExactlyInAnyOrder("secure", "httponly", "samesite=lax");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/; Secure; HttpOnly; SameSite=Lax");
		}

		@Test
		void flagsTheApplicationSetAreKept() {
			SetCookies cookies = get(this.app, true, "/cookies/own-flags");
			assertThat(cookies.line("own-secure")).isEqualTo("own-secure=1; secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("own-httponly")).isEqualTo("own-httponly=1; HTTPONLY; Secure; SameSite=Lax");
			assertThat(cookies.line("own-none")).isEqualTo("own-none=1; SameSite=None; Secure; HttpOnly");
			assertThat(cookies.line("own-strict")).isEqualTo("own-strict=1; samesite=Strict; Secure; HttpOnly");
			assertThat(flags(cookies.line("obj-secure"))).containsExactlyInAnyOrder("secure", "httponly",
					"samesite=lax");
			assertThat(flags(cookies.line("obj-httponly"))).containsExactlyInAnyOrder("secure", "httponly",
					"samesite=lax");
			assertThat(flags(cookies.line("obj-strict"))).containsExactlyInAnyOrder("secure", "httponly",
					"samesite=strict");
		}

		@Test
		void severalCookiesOnOneResponseAreEachAmendedAndStaySeparate() {
			SetCookies cookies = get(this.app, true, "/cookies/many");
			assertThat(cookies.lines()).hasSize(6);
			assertThat(flags(cookies.line("a"))).containsExactlyInAnyOrder("secure", "httponly", "samesite=lax");
			assertThat(flags(cookies.line("b"))).containsExactlyInAnyOrder("secure", "httponly", "samesite=lax");
			assertThat(cookies.line("c")).isEqualTo("c=3; Max-Age=60; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("d"))
				.isEqualTo("d=4; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.all("e")).hasSize(2)
				.allSatisfy((line) -> assertThat(flags(line)).contains("secure", "httponly", "samesite=lax"));
			assertThat(cookies.all("e")).anySatisfy((line) -> assertThat(line).startsWith("e=5"))
				.anySatisfy((line) -> assertThat(line).startsWith("e=6"));
			assertThat(get(this.app, true, "/cookies/entity").lines())
				.containsExactly("f=6; Secure; HttpOnly; SameSite=Lax", "g=7; HttpOnly; Secure; SameSite=Lax");
		}

		@Test
		void theWebSessionCookieGetsTheFlagsItLacks() {
			// Written by the session manager's own commit action, which runs after the
			// filter's first one: SameSite comes from the one after it.
			SetCookies cookies = get(this.app, true, "/cookies/session");
			assertThat(flags(cookies.line("SESSION"))).containsExactlyInAnyOrder("path=/", "secure", "httponly",
					"samesite=lax");
		}

		@Test
		void theXsrfTokenStaysReadableByScripts() {
			SetCookies cookies = get(this.app, true, "/cookies/xsrf");
			assertThat(flags(cookies.line("XSRF-TOKEN"))).containsExactlyInAnyOrder("path=/", "secure", "samesite=lax");
			assertThat(cookies.line("widget")).isEqualTo("widget=w; Secure; HttpOnly; SameSite=Lax");
		}

		@Test
		void theEndpointShowsTheFlags() {
			Map<String, Object> report = JsonParserFactory.getJsonParser()
				.parseMap(this.app.https().get("localhost", "/actuator/securityheaders").body());
			assertThat(report.get("cookies"))
				.isEqualTo(Map.of("enabled", true, "secure", true, "httpOnly", true, "sameSite", "Lax", "exceptions",
						List.of(Map.of("name", "XSRF-TOKEN", "secure", true, "httpOnly", false, "sameSite", "Lax")),
						"refresh", "restart"));
		}

	}

	/**
	 * With a named policy the filter runs its policy path: the cookies are flagged all
	 * the same.
	 */
	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class WithNamedPolicies {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.https(
					new Class<?>[] { ReactiveCookiesApplication.class,
							ReactiveCookiesApplication.SessionCookieWithoutSameSite.class },
					"security.headers.cookies.enabled=true", "security.headers.policies.cookie-pages.paths=/cookies/**",
					"security.headers.policies.cookie-pages.frame-options=SAMEORIGIN");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void everyCookieGetsTheFlagsItLacksAndThePolicyItsHeaders() {
			RawHttp.Response response = RawHttp.https(this.app.port()).get("/cookies/many", "Host: app.example.test");
			assertThat(response.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
			SetCookies cookies = SetCookies.of(response);
			assertThat(cookies.lines()).hasSize(6)
				.allSatisfy((line) -> assertThat(flags(line)).contains("secure", "httponly", "samesite=lax"));
			assertThat(flags(get(this.app, true, "/cookies/session").line("SESSION"))).contains("secure", "httponly",
					"samesite=lax");
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OnTomcatReactive {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.https(RunningReactiveApp.Server.TOMCAT,
					new Class<?>[] { ReactiveCookiesApplication.class,
							ReactiveCookiesApplication.SessionCookieWithoutSameSite.class },
					"security.headers.cookies.enabled=true");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void everyCookieGetsTheFlagsItLacks() {
			SetCookies cookies = get(this.app, true, "/cookies/many");
			assertThat(cookies.lines()).hasSize(6)
				.allSatisfy((line) -> assertThat(flags(line)).contains("secure", "httponly", "samesite=lax"));
			SetCookies own = get(this.app, true, "/cookies/own-flags");
			assertThat(own.line("own-none")).isEqualTo("own-none=1; SameSite=None; Secure; HttpOnly");
			assertThat(flags(own.line("obj-strict"))).containsExactlyInAnyOrder("secure", "httponly",
					"samesite=strict");
			assertThat(flags(get(this.app, true, "/cookies/session").line("SESSION"))).contains("secure", "httponly",
					"samesite=lax");
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class Exceptions {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.https(APP, "security.headers.cookies.enabled=true",
					"security.headers.cookies.same-site=strict", "security.headers.cookies.exceptions[0].name=widget",
					"security.headers.cookies.exceptions[0].same-site=None",
					"security.headers.cookies.exceptions[1].name=legacy",
					"security.headers.cookies.exceptions[1].secure=false",
					"security.headers.cookies.exceptions[1].http-only=false",
					"security.headers.cookies.exceptions[1].same-site=disabled");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void eachExceptionGetsItsFlagsAndTheListReplacesTheDefault() {
			SetCookies cookies = get(this.app, true, "/cookies/xsrf");
			assertThat(cookies.line("widget")).isEqualTo("widget=w; Secure; HttpOnly; SameSite=None");
			assertThat(cookies.line("legacy")).isEqualTo("legacy=l");
			assertThat(flags(cookies.line("XSRF-TOKEN"))).containsExactlyInAnyOrder("path=/", "secure", "httponly",
					"samesite=strict");
		}

		@Test
		void theSessionCookieGetsTheConfiguredDefault() {
			assertThat(flags(get(this.app, true, "/cookies/session").line("SESSION")))
				.containsExactlyInAnyOrder("path=/", "secure", "httponly", "samesite=strict");
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class PlainHttp {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.plain(APP, "security.headers.cookies.enabled=true",
					// Lazy beans: the flags are set up all the same.
					"spring.main.lazy-initialization=true", "server.forward-headers-strategy=framework",
					"security.headers.cookies.exceptions[0].name=widget",
					"security.headers.cookies.exceptions[0].same-site=None");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void aPlainRequestGetsNoSecure() {
			SetCookies cookies = get(this.app, false, "/cookies/bare");
			assertThat(flags(cookies.line("obj"))).containsExactlyInAnyOrder("httponly", "samesite=lax");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/; HttpOnly; SameSite=Lax");
			assertThat(flags(get(this.app, false, "/cookies/session").line("SESSION"))).doesNotContain("secure")
				.contains("httponly", "samesite=lax");
		}

		@Test
		void aPlainRequestGetsNoSameSiteNoneWhichBrowsersWouldRejectWithoutSecure() {
			assertThat(get(this.app, false, "/cookies/xsrf").line("widget")).isEqualTo("widget=w; HttpOnly");
		}

		@Test
		void aRequestTheApplicationSeesAsSecureGetsSecure() {
			SetCookies cookies = get(this.app, false, "/cookies/bare", "X-Forwarded-Proto: https");
			assertThat(flags(cookies.line("obj"))).containsExactlyInAnyOrder("secure", "httponly", "samesite=lax");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/; Secure; HttpOnly; SameSite=Lax");
			assertThat(get(this.app, false, "/cookies/xsrf", "X-Forwarded-Proto: https").line("widget"))
				.isEqualTo("widget=w; Secure; HttpOnly; SameSite=None");
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OffByDefault {

		RunningReactiveApp app;

		@BeforeAll
		void start() {
			this.app = RunningReactiveApp.https(APP, "management.endpoints.web.exposure.include=securityheaders");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void cookiesAreSentAsTheApplicationSetThem() {
			SetCookies cookies = get(this.app, true, "/cookies/bare");
			assertThat(cookies.line("obj")).isEqualTo("obj=1");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/");
			assertThat(get(this.app, true, "/cookies/own-flags").line("own-secure")).isEqualTo("own-secure=1; secure");
			assertThat(flags(get(this.app, true, "/cookies/xsrf").line("XSRF-TOKEN"))).containsExactly("path=/");
		}

		@Test
		void theEndpointSaysTheyAreOff() {
			Map<String, Object> report = JsonParserFactory.getJsonParser()
				.parseMap(this.app.https().get("localhost", "/actuator/securityheaders").body());
			assertThat(report.get("cookies")).isEqualTo(Map.of("enabled", false));
		}

	}

	@Nested
	@ExtendWith(OutputCaptureExtension.class)
	class Refused {

		@Test
		void sameSiteNoneWithoutSecureStopsTheApplication(CapturedOutput output) {
			FailedStartup report = FailedStartup.of(application("security.headers.cookies.enabled=true",
					"security.headers.cookies.same-site=None", "security.headers.cookies.secure=false"), output);
			assertThat(report.description()).contains("security.headers.cookies.same-site")
				.contains("browsers reject a SameSite=None cookie without Secure");
			assertThat(report.action()).contains("security.headers.cookies.secure=true");
		}

		private SpringApplicationBuilder application(String... properties) {
			List<String> all = new ArrayList<>(TestTls.get().serverProperties());
			all.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"spring.reactor.netty.shutdown-quiet-period=0s"));
			all.addAll(List.of(properties));
			return new SpringApplicationBuilder(APP).web(WebApplicationType.REACTIVE)
				.initializers(RunningReactiveApp.ownEventLoops())
				.properties(all.toArray(new String[0]));
		}

	}

}
