package dev.hsts.security;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import dev.hsts.servlet.HeadersEndpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.hsts.test.Headers.CACHE_CONTROL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security, over real TLS to embedded Tomcat: every response, including those
 * Spring Security produces itself (401, 403, the redirect to the login page, the login
 * page, firewall rejections), carries exactly one of each header the starter manages,
 * with the starter's values, for Boot's default chain and for an application's own chain.
 * Spring Security's own HSTS never shows up where the starter sends none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringSecurityOverTlsTest {

	static final String USER = basic("user");

	static final String ADMIN = basic("admin");

	static final String[] PROPERTIES = { "logging.level.org.apache.catalina.core=OFF",
			"logging.level.org.springframework.security=OFF", "spring.security.user.name=user",
			"spring.security.user.password=secret",
			"security.headers.content-security-policy.policy=default-src 'self'",
			"security.headers.content-security-policy.report-only-policy=default-src 'none'",
			"security.headers.cross-origin-opener-policy=same-origin",
			"security.headers.cross-origin-resource-policy=same-origin" };

	static final Map<String, String> EXPECTED;

	static {
		Map<String, String> expected = new java.util.HashMap<>(Headers.DEFAULTS);
		expected.put(Headers.CSP, "default-src 'self'");
		expected.put(Headers.CSP_REPORT_ONLY, "default-src 'none'");
		expected.put(Headers.COOP, "same-origin");
		expected.put(Headers.CORP, "same-origin");
		EXPECTED = Map.copyOf(expected);
	}

	static final String NO_STORE = "no-store";

	RunningApp defaultChain;

	RunningApp customChain;

	@BeforeAll
	void start() {
		this.defaultChain = RunningApp.https(new Class<?>[] { DefaultChainApplication.class }, PROPERTIES);
		this.customChain = RunningApp.https(new Class<?>[] { CustomChainApplication.class }, PROPERTIES);
	}

	@AfterAll
	void stop() {
		this.defaultChain.close();
		this.customChain.close();
	}

	static String basic(String user) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Chain, method, path, request headers, status, the Cache-Control expected (null:
	 * none).
	 */
	static Stream<Arguments> responses() {
		String[] json = { "Accept", "application/json" };
		String[] html = { "Accept", "text/html" };
		List<Arguments> both = new ArrayList<>();
		for (String chain : List.of("default", "custom")) {
			both.add(Arguments.of(chain, "GET", "/ok", new String[] { "Authorization", USER }, 200, NO_STORE));
			both.add(Arguments.of(chain, "GET", "/catalog", new String[] { "Authorization", USER }, 200,
					HeadersEndpoints.CATALOG_CACHE_CONTROL));
			both.add(Arguments.of(chain, "GET", "/etag",
					new String[] { "Authorization", USER, "If-None-Match", "\"v1\"" }, 304, null));
			both.add(Arguments.of(chain, "GET", "/ok", json, 401, NO_STORE));
			both.add(Arguments.of(chain, "GET", "/ok", new String[] { "Authorization", basic("nobody") }, 401,
					NO_STORE));
			both.add(Arguments.of(chain, "GET", "/ok", html, 302, NO_STORE));
			both.add(Arguments.of(chain, "GET", "/login", new String[0], 200, NO_STORE));
			// In Boot's default chain, the error dispatch that renders a 403 or 400 needs
			// authentication too, so the
			// client gets 401 there; the application's chain permits /error.
			int errorStatus403 = chain.equals("default") ? 401 : 403;
			int errorStatus400 = chain.equals("default") ? 401 : 400;
			both.add(Arguments.of(chain, "POST", "/ok", new String[] { "Authorization", USER }, errorStatus403,
					NO_STORE));
			both.add(Arguments.of(chain, "GET", "/missing", new String[] { "Authorization", USER }, 404, NO_STORE));
			both.add(Arguments.of(chain, "GET", "/fail", new String[] { "Authorization", USER }, 500, NO_STORE));
			both.add(Arguments.of(chain, "GET", "/send-error", new String[] { "Authorization", USER }, 403, NO_STORE));
			both.add(Arguments.of(chain, "GET", "//ok", new String[] { "Authorization", USER }, errorStatus400,
					NO_STORE));
			both.add(Arguments.of(chain, "GET", "/ok;jsessionid=1/..;/x", new String[] { "Authorization", USER },
					errorStatus400, NO_STORE));
			both.add(Arguments.of(chain, "GET", "/static.txt", new String[] { "Authorization", USER }, 200, NO_STORE));
		}
		both.add(Arguments.of("custom", "GET", "/public/ok", new String[0], 200, NO_STORE));
		both.add(Arguments.of("custom", "GET", "/public/missing", new String[0], 404, NO_STORE));
		both.add(Arguments.of("custom", "GET", "/admin/ok", new String[] { "Authorization", USER }, 403, NO_STORE));
		both.add(Arguments.of("custom", "GET", "/admin/ok", new String[] { "Authorization", ADMIN }, 200, NO_STORE));
		both.add(Arguments.of("custom", "GET", "//public/ok", new String[0], 400, NO_STORE));
		return both.stream();
	}

	@ParameterizedTest(name = "{0} chain: {1} {2} {3} -> {4}")
	@MethodSource("responses")
	void everyResponseCarriesExactlyOneOfEachHeaderWithTheStartersValue(String chain, String method, String path,
			String[] headers, int status, String cacheControl) {
		RunningApp app = chain.equals("default") ? this.defaultChain : this.customChain;
		HttpResponse<String> response = app.https().send(method, "api.example.test", path, headers);
		assertThat(response.statusCode()).isEqualTo(status);
		for (Map.Entry<String, String> header : EXPECTED.entrySet()) {
			Headers.assertExactlyOne(response, header.getKey(), header.getValue());
		}
		Headers.assertCacheControl(response, cacheControl);
	}

	static Stream<Arguments> applicationValues() {
		Map<String, String> values = Map.of(Headers.HSTS, "max-age=5", Headers.FRAME_OPTIONS, "SAMEORIGIN",
				Headers.REFERRER_POLICY, "origin", Headers.PERMISSIONS_POLICY, "camera=(self)", Headers.CSP,
				"default-src 'none'", Headers.COOP, "unsafe-none", Headers.CORP, "cross-origin", CACHE_CONTROL,
				"private, max-age=10");
		return chains().flatMap((chain) -> values.entrySet()
			.stream()
			.flatMap((entry) -> Stream.of("set", "add", "entity")
				.map((mode) -> Arguments.of(chain, entry.getKey(), entry.getValue(), mode))));
	}

	@ParameterizedTest(name = "{0} chain: {1}: {2} ({3})")
	@MethodSource("applicationValues")
	void theApplicationsOwnValueStillWinsAndIsNeverDoubled(String chain, String name, String value, String mode) {
		RunningApp app = chain.equals("default") ? this.defaultChain : this.customChain;
		HttpResponse<String> response = app.https()
			.send("GET", "api.example.test", Headers.own(name, value, mode), "Authorization", USER);
		assertThat(response.statusCode()).isEqualTo(200);
		Headers.assertExactlyOne(response, name, value);
	}

	@ParameterizedTest(name = "{0} chain")
	@MethodSource("chains")
	void springSecuritysHstsNeverReachesAHostTheStarterExcludes(String chain) {
		RunningApp app = chain.equals("default") ? this.defaultChain : this.customChain;
		for (String[] headers : List.of(new String[] { "Authorization", USER }, new String[] { "Accept", "text/html" },
				new String[0])) {
			HttpResponse<String> response = app.https().send("GET", "localhost", "/ok", headers);
			Headers.assertNone(response, Headers.HSTS);
			Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
			Headers.assertExactlyOne(response, CACHE_CONTROL, NO_STORE);
		}
	}

	static Stream<String> chains() {
		return Stream.of("default", "custom");
	}

	@Test
	void springSecuritysHstsNeverPreemptsAScheduledRollout() {
		List<String> properties = new ArrayList<>(List.of(PROPERTIES));
		properties.add("security.headers.hsts.rollout.started-at=2999-01-01T00:00:00Z");
		try (RunningApp app = RunningApp.https(new Class<?>[] { CustomChainApplication.class },
				properties.toArray(new String[0]))) {
			for (String path : List.of("/ok", "/public/ok", "/public/missing")) {
				HttpResponse<String> response = app.https()
					.send("GET", "api.example.test", path, "Authorization", USER);
				Headers.assertNone(response, Headers.HSTS);
			}
		}
	}

	@Test
	void switchingAHeaderOffInTheStarterSwitchesItOffWithSpringSecurityToo() {
		try (RunningApp app = RunningApp.https(new Class<?>[] { DefaultChainApplication.class },
				"spring.security.user.name=user", "spring.security.user.password=secret",
				"security.headers.cache-control.enabled=false", "security.headers.content-type-options=disabled",
				"security.headers.hsts.enabled=false")) {
			HttpResponse<String> response = app.https().send("GET", "api.example.test", "/ok", "Authorization", USER);
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertNone(response, Headers.HSTS);
			Headers.assertNone(response, CACHE_CONTROL);
			Headers.assertNone(response, "Pragma");
			Headers.assertNone(response, Headers.CONTENT_TYPE_OPTIONS);
			Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
		}
	}

}
