package dev.hsts.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.hsts.actuate.SecurityHeadersEndpoint;
import dev.hsts.test.RunningReactiveApp;
import dev.hsts.test.FailedStartup;
import dev.hsts.test.FormLogin;
import dev.hsts.test.Http;
import dev.hsts.test.TestTls;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux with Spring Security, over real TLS on Reactor Netty: one of each header on
 * every response, with the starter's values, where Spring Security's reactive header
 * writers would otherwise add their own (a one-year HSTS for {@code localhost}, their
 * Cache-Control, Pragma and Expires on paths the starter leaves alone); a chain's own
 * {@code ServerHttpSecurity.headers(...)} choice stops startup with a report naming it; a
 * chain without header writing starts with a warning.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveSpringSecurityOverTlsTest {

	private static ConfigurableApplicationContext start(String... properties) {
		List<String> all = new ArrayList<>(TestTls.get().serverProperties());
		all.addAll(List.of("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
				"spring.security.user.password=secret"));
		all.addAll(List.of(properties));
		return builder(all).run();
	}

	private static SpringApplicationBuilder builder(List<String> properties) {
		// Reactor Netty's event loops are shared by the applications in the JVM: without
		// a
		// quiet period, one that closed (or failed to start) does not take the next one's
		// loops down with it a moment later.
		List<String> all = new ArrayList<>(properties);
		all.add("spring.reactor.netty.shutdown-quiet-period=0s");
		return new SpringApplicationBuilder(ReactiveChainApplication.class).web(WebApplicationType.REACTIVE)
			.initializers(RunningReactiveApp.ownEventLoops())
			.properties(all.toArray(new String[0]));
	}

	private static Http https(ConfigurableApplicationContext context) {
		return Http.https(Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port")));
	}

	@Test
	void theDefaultChainsResponsesCarryOneOfEachHeaderWithTheStartersValues() {
		try (ConfigurableApplicationContext context = start()) {
			HttpResponse<String> refused = https(context).get("app.example.com", "/private/hello");
			assertThat(refused.statusCode()).isEqualTo(401);
			assertOneOfEach(refused);
			assertThat(Http.values(refused, "Strict-Transport-Security")).containsExactly("max-age=300");
			assertThat(Http.values(refused, "Cache-Control")).containsExactly("no-store");
			assertThat(Http.values(refused, "Pragma")).isEmpty();
			assertThat(Http.values(refused, "Expires")).isEmpty();
			HttpResponse<String> authenticated = https(context).get("app.example.com", "/private/hello",
					"Authorization", "Basic dXNlcjpzZWNyZXQ=");
			assertThat(authenticated.statusCode()).isEqualTo(200);
			assertOneOfEach(authenticated);
			// Spring Security's own writer would send its one-year policy to localhost.
			HttpResponse<String> local = https(context).get("localhost", "/private/hello");
			assertThat(local.statusCode()).isEqualTo(401);
			assertThat(Http.values(local, "Strict-Transport-Security")).isEmpty();
			assertThat(Http.values(local, "X-Frame-Options")).containsExactly("DENY");
		}
	}

	@Test
	void onExcludedPathsSpringSecurityDoesNotFillInItsCacheHeaders() {
		try (ConfigurableApplicationContext context = start("test.chain-headers=defaults",
				"security.headers.cache-control.excluded-paths=/public/**", "security.headers.hsts.enabled=false")) {
			HttpResponse<String> response = https(context).get("app.example.com", "/public/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.values(response, "Cache-Control")).isEmpty();
			assertThat(Http.values(response, "Pragma")).isEmpty();
			assertThat(Http.values(response, "Expires")).isEmpty();
			assertThat(Http.values(response, "Strict-Transport-Security")).isEmpty();
			assertThat(Http.values(response, "X-Content-Type-Options")).containsExactly("nosniff");
			// X-XSS-Protection is the starter's, once.
			assertThat(Http.values(response, "X-XSS-Protection")).containsExactly("0");
		}
	}

	@Test
	void aChainsOwnFrameOptionsStopsStartupNamingTheChainAndTheProperty(CapturedOutput output) {
		List<String> properties = new ArrayList<>(TestTls.get().serverProperties());
		properties.addAll(List.of("server.port=0", "server.address=127.0.0.1", "test.chain-headers=same-origin"));
		FailedStartup failure = FailedStartup.of(builder(properties), output);
		assertThat(failure.description()).contains("'securityWebFilterChain'")
			.contains("X-Frame-Options\n        The chain writes: SAMEORIGIN\n"
					+ "        As a property: security.headers.frame-options=SAMEORIGIN");
		assertThat(failure.action()).contains("Set security.headers.frame-options=SAMEORIGIN in your configuration, "
				+ "and remove frameOptions(...) from the headers(...) configuration of the chain "
				+ "'securityWebFilterChain'");
	}

	@Test
	void theChosenValueAsAPropertyStartsAndIsSentOnce() {
		try (ConfigurableApplicationContext context = start("test.chain-headers=defaults",
				"security.headers.frame-options=SAMEORIGIN")) {
			HttpResponse<String> response = https(context).get("app.example.com", "/public/hello");
			assertThat(Http.values(response, "X-Frame-Options")).containsExactly("SAMEORIGIN");
			assertOneOfEach(response);
		}
	}

	@Test
	void aChainWithoutHeadersIsWarnedAboutAndStillGetsTheStartersHeaders(CapturedOutput output) {
		try (ConfigurableApplicationContext context = start("test.chain-headers=disabled")) {
			assertThat(output).contains("Spring Security's filter chain 'securityWebFilterChain' writes no headers");
			HttpResponse<String> response = https(context).get("app.example.com", "/public/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertOneOfEach(response);
			assertThat(Http.values(response, "X-XSS-Protection")).containsExactly("0");
		}
	}

	@Test
	void xssProtectionSwitchedOffInTheStarterIsNotFilledInBySpringSecurity() {
		try (ConfigurableApplicationContext context = start("test.chain-headers=defaults",
				"security.headers.xss-protection=disabled")) {
			for (String path : List.of("/public/hello", "/private/hello", "/missing")) {
				HttpResponse<String> response = https(context).get("app.example.com", path);
				assertThat(Http.values(response, "X-XSS-Protection")).as(path).isEmpty();
				assertThat(Http.values(response, "X-Frame-Options")).as(path).containsExactly("DENY");
			}
		}
	}

	@Test
	void aChainsOwnXssProtectionStopsStartupNamingTheChain(CapturedOutput output) {
		List<String> properties = new ArrayList<>(TestTls.get().serverProperties());
		properties.addAll(List.of("server.port=0", "server.address=127.0.0.1", "test.chain-headers=xss-block"));
		FailedStartup failure = FailedStartup.of(builder(properties), output);
		assertThat(failure.description()).contains("'securityWebFilterChain'")
			.contains("X-XSS-Protection\n        The chain writes: 1; mode=block\n");
		assertThat(failure.action()).contains("Remove xssProtection(...) from the headers(...) configuration of the "
				+ "chain 'securityWebFilterChain'");
	}

	@Test
	void aChainsXssProtectionSwitchedOffNamesTheProperty(CapturedOutput output) {
		List<String> properties = new ArrayList<>(TestTls.get().serverProperties());
		properties.addAll(List.of("server.port=0", "server.address=127.0.0.1", "test.chain-headers=xss-disabled"));
		FailedStartup failure = FailedStartup.of(builder(properties), output);
		assertThat(failure.description()).contains("As a property: security.headers.xss-protection=disabled");
		try (ConfigurableApplicationContext context = start("test.chain-headers=xss-disabled",
				"security.headers.xss-protection=disabled")) {
			HttpResponse<String> response = https(context).get("app.example.com", "/public/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(Http.values(response, "X-XSS-Protection")).isEmpty();
		}
	}

	@Test
	void theFormLogoutOverTlsClearsSiteDataAndOnlyThere() {
		try (ConfigurableApplicationContext context = start("test.chain-headers=form",
				"security.headers.clear-site-data.enabled=true",
				"management.endpoints.web.exposure.include=securityheaders")) {
			@SuppressWarnings("unchecked")
			Map<String, Object> headers = (Map<String, Object>) context.getBean(SecurityHeadersEndpoint.class)
				.securityHeaders(SecurityContext.NONE)
				.get("headers");
			assertThat(headers).containsEntry("Clear-Site-Data (on logout)", Map.of("value",
					"\"cache\", \"cookies\", \"storage\"", "on", "logout of every Spring Security filter chain"));
			FormLogin browser = new FormLogin(() -> https(context), "app.example.com");
			HttpResponse<String> login = browser.login("user", "secret");
			assertThat(Http.values(login, "Clear-Site-Data")).isEmpty();
			assertThat(browser.get("/private/hello").statusCode()).isEqualTo(200);
			assertThat(Http.values(browser.get("/public/hello"), "Clear-Site-Data")).isEmpty();
			HttpResponse<String>[] logout = browser.logout();
			assertThat(Http.values(logout[0], "Clear-Site-Data")).as("the logout page").isEmpty();
			assertThat(logout[1].statusCode()).isEqualTo(302);
			assertThat(logout[1].headers().firstValue("Location").orElse("")).endsWith("/login?logout");
			assertThat(Http.values(logout[1], "Clear-Site-Data"))
				.containsExactly("\"cache\", \"cookies\", \"storage\"");
			assertThat(Http.values(logout[1], "X-XSS-Protection")).containsExactly("0");
			assertThat(browser.get("/private/hello").statusCode()).isIn(302, 401);
		}
	}

	/**
	 * Spring Framework 7's {@code DefaultWebFilterChain} names every filter it runs in a
	 * Reactor checkpoint by its {@code toString()}, on every request, in the
	 * application's chain and in Spring Security's: the starter's filters, and its
	 * wrappers of Spring Security's, give a name made once (the class's, or the wrapped
	 * filter's with what the starter adds), not a new string with an identity hash code
	 * per request.
	 */
	@Test
	void theStartersFiltersNameThemselvesWithoutBuildingAStringPerRequest() {
		try (ConfigurableApplicationContext context = start("test.chain-headers=form",
				"security.headers.clear-site-data.enabled=true", "security.headers.https-redirect.enabled=true",
				"security.headers.trusted-hosts.allowed=app.example.com")) {
			List<WebFilter> filters = new ArrayList<>(context.getBeansOfType(WebFilter.class).values());
			for (SecurityWebFilterChain chain : context.getBeansOfType(SecurityWebFilterChain.class).values()) {
				filters.addAll(chain.getWebFilters().collectList().block());
			}
			List<WebFilter> starters = filters.stream()
				.filter((filter) -> filter.getClass().getName().startsWith("dev.hsts."))
				.toList();
			assertThat(starters).extracting((filter) -> filter.getClass().getSimpleName())
				.contains("SecurityHeadersWebFilter", "TrustedHostWebFilter", "HttpsRedirectWebFilter",
						"RestoringManagedHeaders", "ClearSiteDataOnLogout");
			for (WebFilter filter : starters) {
				String name = filter.toString();
				assertThat(filter.toString()).as(name).isSameAs(name);
				assertThat(name).doesNotContain("@" + Integer.toHexString(System.identityHashCode(filter)));
			}
			assertThat(starters).filteredOn((filter) -> filter.getClass().getName().startsWith("dev.hsts.reactive."))
				.allSatisfy((filter) -> assertThat(filter.toString()).isEqualTo(filter.getClass().getName()));
			assertThat(starters).map(Object::toString)
				.anySatisfy((name) -> assertThat(name)
					.startsWith("org.springframework.security.web.server.header.HttpHeaderWriterWebFilter")
					.endsWith("(its headers restored to the starter's at commit)"))
				.anySatisfy((name) -> assertThat(name)
					.startsWith("org.springframework.security.web.server.authentication.logout.LogoutWebFilter")
					.endsWith("(Clear-Site-Data added by the starter)"));
		}
	}

	@Test
	void theFormLogoutOverPlainHttpSendsNone() {
		List<String> properties = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "spring.security.user.password=secret", "test.chain-headers=form",
				"security.headers.clear-site-data.enabled=true"));
		try (ConfigurableApplicationContext context = builder(properties).run()) {
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			FormLogin browser = new FormLogin(() -> Http.plain(port), "app.example.com");
			browser.login("user", "secret");
			HttpResponse<String>[] logout = browser.logout();
			assertThat(logout[1].statusCode()).isEqualTo(302);
			assertThat(Http.values(logout[1], "Clear-Site-Data")).isEmpty();
		}
	}

	private static void assertOneOfEach(HttpResponse<String> response) {
		for (String header : List.of("Strict-Transport-Security", "X-Frame-Options", "X-Content-Type-Options",
				"Cache-Control", "Referrer-Policy", "Permissions-Policy")) {
			assertThat(Http.values(response, header)).as(header).hasSize(1);
		}
	}

}
