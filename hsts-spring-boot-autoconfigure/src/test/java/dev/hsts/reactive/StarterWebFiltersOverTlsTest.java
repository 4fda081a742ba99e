package dev.hsts.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hsts.test.RawHttp;
import dev.hsts.test.ReportPosts;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.Test;

import org.springframework.web.server.WebFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's WebFilters that sit next to each other in a WebFlux application's chain
 * run as one entry of it ({@link StarterWebFilters}), over real TLS on Reactor Netty, and
 * do there all they do as entries of their own: an error's checkpoints (what an
 * application's error log shows) name one entry for them; a host not served is refused, a
 * plain request redirected, a CSP report answered, a cookie flagged. A filter of the
 * application between two of them keeps them apart and runs between them, and so does a
 * trusted-host filter of the application's that overrides {@code filter}; one that
 * overrides only the problem is run in the entry, with its problem. A bean with the name
 * of the starter's customizer keeps every filter an entry of its own.
 */
class StarterWebFiltersOverTlsTest {

	static final String[] PROPERTIES = { "security.headers.trusted-hosts.allowed=api.example.test",
			"security.headers.https-redirect.enabled=true",
			"security.headers.content-security-policy.policy=default-src 'self'",
			"security.headers.content-security-policy.reporting.enabled=true", "security.headers.cookies.enabled=true",
			"logging.level.org.springframework.web.server.adapter=OFF",
			"logging.level.org.springframework.boot.autoconfigure.web.reactive.error=OFF",
			"logging.level.org.springframework.boot.webflux.autoconfigure.error=OFF" };

	static final String ENTRY = "dev.hsts.reactive.StarterWebFilters";

	private static RunningReactiveApp https(String... more) {
		List<String> properties = new ArrayList<>(List.of(PROPERTIES));
		properties.addAll(List.of(more));
		return RunningReactiveApp.https(new Class<?>[] { StarterWebFiltersApplication.class },
				properties.toArray(new String[0]));
	}

	private static List<String> checkpointsOfAnError(RunningReactiveApp app) {
		StarterWebFiltersApplication.lastError.set(null);
		assertThat(app.raw().getWithHost("/boom", "api.example.test").status()).isEqualTo(500);
		return StarterWebFiltersApplication.checkpointsOfLastError();
	}

	@Test
	void atTheirDefaultOrdersTheStartersFiltersAreOneEntryOfTheChainAndDoAllTheyDid() {
		try (RunningReactiveApp app = https()) {
			List<String> checkpoints = checkpointsOfAnError(app);
			assertThat(checkpoints).hasSize(1);
			assertThat(checkpoints.get(0)).contains(ENTRY);
			// The beans are the four filters, as before.
			Map<String, WebFilter> beans = app.context().getBeansOfType(WebFilter.class);
			assertThat(beans.values()).extracting((filter) -> filter.getClass().getSimpleName())
				.contains("SecurityHeadersWebFilter", "TrustedHostWebFilter", "HttpsRedirectWebFilter",
						"CspReportWebFilter")
				.doesNotContain("StarterWebFilters");

			RawHttp.Response hello = app.raw().getWithHost("/hello", "api.example.test");
			assertThat(hello.status()).isEqualTo(200);
			assertThat(hello.headers("Strict-Transport-Security")).containsExactly("max-age=300");
			assertThat(hello.headers("Content-Security-Policy")).hasSize(1);

			RawHttp.Response refused = app.raw().getWithHost("/hello", "evil.example.com");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
			assertThat(refused.headers("X-Frame-Options")).containsExactly("DENY");
			assertThat(refused.headers("Strict-Transport-Security")).isEmpty();

			RawHttp.Response cookie = app.raw().getWithHost("/cookie", "api.example.test");
			assertThat(cookie.headers("Set-Cookie")).singleElement()
				.satisfies((line) -> assertThat(line).startsWith("pref=1")
					.contains("Secure")
					.containsIgnoringCase("HttpOnly"));

			RawHttp.Response report = report(ReportPosts.https(app.port()));
			assertThat(report.status()).as(report.toString()).isEqualTo(204);
			// For a host not served, the trusted-host check (before the report filter)
			// refuses it.
			assertThat(report(ReportPosts.https(app.port()).withHost("evil.example.com")).status()).isEqualTo(400);
		}
	}

	/**
	 * With CSP reports exempt from the trusted-host check, the report filter runs between
	 * the header filter and the check: all three in the entry, in that order.
	 */
	@Test
	void reportsExemptFromTheTrustedHostCheckAreAnsweredBeforeItInTheEntry() {
		try (RunningReactiveApp app = https(
				"security.headers.content-security-policy.reporting.trusted-host-exempt=true")) {
			assertThat(checkpointsOfAnError(app)).singleElement().asString().contains(ENTRY);
			RawHttp.Response report = report(ReportPosts.https(app.port()).withHost("evil.example.com"));
			assertThat(report.status()).as(report.toString()).isEqualTo(204);
			assertThat(report.headers("Strict-Transport-Security")).isEmpty();
			assertThat(app.raw().getWithHost("/hello", "evil.example.com").status()).isEqualTo(400);
		}
	}

	private static RawHttp.Response report(ReportPosts posts) {
		return posts.post("127.0.0.31", "/csp-reports?policy=default", "application/csp-report",
				"{\"csp-report\":{\"document-uri\":\"https://api.example.test/page\",\"violated-directive\":"
						+ "\"img-src\",\"effective-directive\":\"img-src\",\"original-policy\":"
						+ "\"img-src 'self'\",\"disposition\":\"enforce\",\"blocked-uri\":"
						+ "\"https://evil.example.net/a.png\"}}");
	}

	@Test
	void overPlainHttpTheEntryRedirects() {
		try (RunningReactiveApp app = RunningReactiveApp.plain(new Class<?>[] { StarterWebFiltersApplication.class },
				PROPERTIES)) {
			RawHttp.Response redirect = app.raw().getWithHost("/hello?a=1", "api.example.test");
			assertThat(redirect.status()).isBetween(301, 308);
			assertThat(redirect.header("Location")).isEqualTo("https://api.example.test/hello?a=1");
			assertThat(app.raw().getWithHost("/hello", "evil.example.com").status()).isEqualTo(400);
		}
	}

	@Test
	void aFilterOfTheApplicationBetweenTwoOfTheStartersRunsBetweenThem() {
		try (RunningReactiveApp app = https("test.filter-between=true")) {
			assertThat(checkpointsOfAnError(app)).hasSize(3)
				.satisfies((checkpoints) -> assertThat(checkpoints.get(0)).contains(ENTRY))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(1)).contains("FilterBetween"))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(2)).contains("SecurityHeadersWebFilter")
					.doesNotContain(ENTRY));
			// It runs before the trusted-host check: its mark is on the refusal.
			RawHttp.Response refused = app.raw().getWithHost("/hello", "evil.example.com");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.header("X-Filter-Between")).isEqualTo("ran");
		}
	}

	@Test
	void aTrustedHostFilterOfTheApplicationThatOverridesFilterStaysAnEntryOfItsOwn() {
		try (RunningReactiveApp app = https("test.own-filter-method=true")) {
			assertThat(checkpointsOfAnError(app)).hasSize(3)
				.satisfies((checkpoints) -> assertThat(checkpoints.get(0)).contains(ENTRY))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(1)).contains("OwnFilterMethod"))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(2)).contains("SecurityHeadersWebFilter")
					.doesNotContain(ENTRY));
			RawHttp.Response refused = app.raw().getWithHost("/hello", "evil.example.com");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.header("X-Own-Filter-Method")).isEqualTo("ran");
		}
	}

	@Test
	void aBeanWithTheNameOfTheStartersCustomizerKeepsEveryFilterAnEntryOfItsOwn() {
		try (RunningReactiveApp app = https("test.own-customizer-name=true")) {
			assertThat(checkpointsOfAnError(app)).hasSize(4)
				.noneSatisfy((checkpoint) -> assertThat(checkpoint).contains(ENTRY))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(0)).contains("CspReportWebFilter"))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(1)).contains("HttpsRedirectWebFilter"))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(2)).contains("TrustedHostWebFilter"))
				.satisfies((checkpoints) -> assertThat(checkpoints.get(3)).contains("SecurityHeadersWebFilter"));
			assertThat(app.raw().getWithHost("/hello", "evil.example.com").status()).isEqualTo(400);
		}
	}

	@Test
	void aTrustedHostFilterOfTheApplicationWithItsOwnProblemRunsInTheEntry() {
		try (RunningReactiveApp app = https("test.own-problem=true")) {
			assertThat(checkpointsOfAnError(app)).singleElement().asString().contains(ENTRY);
			RawHttp.Response refused = app.raw().getWithHost("/hello", "evil.example.com");
			assertThat(refused.status()).isEqualTo(400);
			assertThat(refused.body()).contains("This host is not ours.");
		}
	}

}
