package dev.hsts.servlet;

import java.util.List;
import java.util.Map;

import dev.hsts.test.FailedStartup;
import dev.hsts.test.RawHttp;
import dev.hsts.test.RunningApp;
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
 * The cookie flags ({@code security.headers.cookies.*}) on embedded Tomcat, over real
 * TLS: what a browser receives in each {@code Set-Cookie} line, for cookies set through
 * every servlet API and for Tomcat's own session cookie.
 */
class CookieFlagsOverTlsTest {

	private static final Class<?>[] APP = { CookiesApplication.class };

	private static final String HOST = "Host: app.example.test";

	static SetCookies get(RunningApp app, boolean tls, String path, String... headerLines) {
		RawHttp http = tls ? RawHttp.https(app.port()) : RawHttp.plain(app.port());
		String[] lines = new String[headerLines.length + 1];
		lines[0] = HOST;
		System.arraycopy(headerLines, 0, lines, 1, headerLines.length);
		RawHttp.Response response = http.get(path, lines);
		assertThat(response.status()).as(path).isEqualTo(200);
		return SetCookies.of(response);
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class Defaults {

		RunningApp app;

		@BeforeAll
		void start() {
			this.app = RunningApp.https(APP, "security.headers.cookies.enabled=true",
					"management.endpoints.web.exposure.include=securityheaders");
		}

		@AfterAll
		void stop() {
			this.app.close();
		}

		@Test
		void cookiesWithoutFlagsGetAllThree() {
			SetCookies cookies = get(this.app, true, "/cookies/bare");
			assertThat(cookies.line("obj")).isEqualTo("obj=1; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/; Secure; HttpOnly; SameSite=Lax");
			assertThat(get(this.app, true, "/cookies/set-header").lines())
				.containsExactly("set=1; Secure; HttpOnly; SameSite=Lax");
		}

		@Test
		void flagsTheApplicationSetAreKept() {
			SetCookies cookies = get(this.app, true, "/cookies/own-flags");
			assertThat(cookies.line("own-secure")).isEqualTo("own-secure=1; secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("own-httponly")).isEqualTo("own-httponly=1; HTTPONLY; Secure; SameSite=Lax");
			assertThat(cookies.line("own-none")).isEqualTo("own-none=1; SameSite=None; Secure; HttpOnly");
			assertThat(cookies.line("own-strict")).isEqualTo("own-strict=1; samesite=Strict; Secure; HttpOnly");
			assertThat(cookies.line("obj-secure")).isEqualTo("obj-secure=1; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("obj-httponly")).isEqualTo("obj-httponly=1; HttpOnly; Secure; SameSite=Lax");
			assertThat(cookies.line("obj-strict")).isEqualTo("obj-strict=1; SameSite=Strict; Secure; HttpOnly");
		}

		@Test
		void severalCookiesOnOneResponseAreEachAmendedAndStaySeparate() {
			SetCookies cookies = get(this.app, true, "/cookies/many");
			assertThat(cookies.lines()).hasSize(5);
			assertThat(cookies.line("a")).isEqualTo("a=1; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("b")).isEqualTo("b=2; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("c")).isEqualTo("c=3; Max-Age=60; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("d"))
				.isEqualTo("d=4; Expires=Wed, 21 Oct 2037 07:28:00 GMT; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("e")).isEqualTo("e=5; Path=/x; Secure; HttpOnly; SameSite=Lax");
			assertThat(get(this.app, true, "/cookies/entity").lines())
				.containsExactly("f=6; Secure; HttpOnly; SameSite=Lax", "g=7; HttpOnly; Secure; SameSite=Lax");
		}

		@Test
		void tomcatsSessionCookieGetsTheFlagItLacks() {
			SetCookies cookies = get(this.app, true, "/cookies/session");
			assertThat(cookies.attributes("JSESSIONID")).containsExactly("Path=/", "Secure", "HttpOnly",
					"SameSite=Lax");
		}

		@Test
		void theXsrfTokenStaysReadableByScripts() {
			SetCookies cookies = get(this.app, true, "/cookies/xsrf");
			assertThat(cookies.line("XSRF-TOKEN")).isEqualTo("XSRF-TOKEN=t; Secure; SameSite=Lax");
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

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class Exceptions {

		RunningApp app;

		@BeforeAll
		void start() {
			this.app = RunningApp.https(APP, "security.headers.cookies.enabled=true",
					"security.headers.cookies.same-site=strict", "security.headers.cookies.exceptions[0].name=widget",
					"security.headers.cookies.exceptions[0].same-site=None",
					"security.headers.cookies.exceptions[1].name=legacy",
					"security.headers.cookies.exceptions[1].secure=false",
					"security.headers.cookies.exceptions[1].http-only=false",
					"security.headers.cookies.exceptions[1].same-site=disabled",
					// Boot's own settings for the session cookie win over the defaults.
					"server.servlet.session.cookie.same-site=none", "server.servlet.session.cookie.http-only=false");
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
			// The configured list replaced the default XSRF-TOKEN exception.
			assertThat(cookies.line("XSRF-TOKEN")).isEqualTo("XSRF-TOKEN=t; Secure; HttpOnly; SameSite=Strict");
		}

		@Test
		void springBootsSessionCookieSettingsAreKept() {
			// same-site by Boot's cookie processor, which the starter's delegates to;
			// http-only=false by leaving HttpOnly out (a session cookie exception).
			assertThat(get(this.app, true, "/cookies/session").attributes("JSESSIONID")).containsExactly("Path=/",
					"Secure", "SameSite=None");
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class PlainHttp {

		RunningApp app;

		@BeforeAll
		void start() {
			this.app = RunningApp.plain(APP, "security.headers.cookies.enabled=true",
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
			assertThat(cookies.line("obj")).isEqualTo("obj=1; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/; HttpOnly; SameSite=Lax");
			assertThat(get(this.app, false, "/cookies/session").attributes("JSESSIONID")).containsExactly("Path=/",
					"HttpOnly", "SameSite=Lax");
		}

		@Test
		void aPlainRequestGetsNoSameSiteNoneWhichBrowsersWouldRejectWithoutSecure() {
			assertThat(get(this.app, false, "/cookies/xsrf").line("widget")).isEqualTo("widget=w; HttpOnly");
		}

		@Test
		void aRequestTheApplicationSeesAsSecureGetsSecureOnEveryCookie() {
			// Spring's ForwardedHeaderFilter makes the request secure for the
			// application;
			// Tomcat's own request, which writes the session cookie, stays plain.
			SetCookies cookies = get(this.app, false, "/cookies/bare", "X-Forwarded-Proto: https");
			assertThat(cookies.line("obj")).isEqualTo("obj=1; Secure; HttpOnly; SameSite=Lax");
			assertThat(cookies.line("hdr")).isEqualTo("hdr=1; Path=/; Secure; HttpOnly; SameSite=Lax");
			assertThat(get(this.app, false, "/cookies/session", "X-Forwarded-Proto: https").attributes("JSESSIONID"))
				.containsExactly("Path=/", "HttpOnly", "Secure", "SameSite=Lax");
			assertThat(get(this.app, false, "/cookies/xsrf", "X-Forwarded-Proto: https").line("widget"))
				.isEqualTo("widget=w; Secure; HttpOnly; SameSite=None");
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class OffByDefault {

		RunningApp app;

		@BeforeAll
		void start() {
			this.app = RunningApp.https(APP, "management.endpoints.web.exposure.include=securityheaders");
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
			assertThat(get(this.app, true, "/cookies/session").attributes("JSESSIONID")).containsExactly("Path=/",
					"Secure", "HttpOnly");
			assertThat(get(this.app, true, "/cookies/xsrf").line("XSRF-TOKEN")).isEqualTo("XSRF-TOKEN=t");
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

		@Test
		void anUnknownSameSiteStopsTheApplication(CapturedOutput output) {
			FailedStartup report = FailedStartup.of(application("security.headers.cookies.enabled=true",
					"security.headers.cookies.exceptions[0].name=a",
					"security.headers.cookies.exceptions[0].same-site=lox"), output);
			assertThat(report.description()).contains("security.headers.cookies.exceptions[0].same-site")
				.contains("lox");
		}

		private SpringApplicationBuilder application(String... properties) {
			List<String> all = new java.util.ArrayList<>(TestTls.get().serverProperties());
			all.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off"));
			all.addAll(List.of(properties));
			return new SpringApplicationBuilder(APP).web(WebApplicationType.SERVLET)
				.properties(all.toArray(new String[0]));
		}

	}

}
