package dev.hsts.core;

import java.time.Instant;
import java.util.List;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preload readiness check against the hstspreload.org checker
 * (github.com/chromium/hstspreload): its own header tests (header_test.go) ported by
 * hand, its redirect rules (redirects.go, redirects_test.go) on sample responses, and the
 * findings of a sample plan at each stage.
 */
class PreloadReadinessTest {

	private static final String HEADER_TEST = "header_test.go ";

	private static final List<HeaderRow> HEADERS = List.of(
			row(HEADER_TEST + "TestPreloadableHeaderString no issues", "max-age=31536000; includeSubDomains; preload"),
			row(HEADER_TEST + "TestPreloadableHeaderString max-age > 10 years",
					"max-age=315360001; preload; includeSubDomains",
					"warning header.preloadable.max_age.over_10_years"),
			row(HEADER_TEST + "TestPreloadableHeaderString empty", "",
					"error header.preloadable.include_sub_domains.missing", "error header.preloadable.preload.missing",
					"error header.preloadable.max_age.missing", "warning header.parse.empty"),
			row(HEADER_TEST + "TestPreloadableHeaderString missing preload", "includeSubDomains; max-age=31536000",
					"error header.preloadable.preload.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString missing includeSubdomains", "preload; max-age=31536000",
					"error header.preloadable.include_sub_domains.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString missing max-age", "includeSubDomains; preload",
					"error header.preloadable.max_age.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString only preload", "preload",
					"error header.preloadable.include_sub_domains.missing", "error header.preloadable.max_age.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString only includeSubdomains", "includeSubDomains",
					"error header.preloadable.preload.missing", "error header.preloadable.max_age.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString only max-age", "max-age=123456789",
					"error header.preloadable.include_sub_domains.missing", "error header.preloadable.preload.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString max-age without value",
					"includeSubDomains; preload; max-age", "error header.parse.invalid.max_age.no_value",
					"error header.preloadable.max_age.missing"),
			row(HEADER_TEST + "TestPreloadableHeaderString maxAge=0", "includeSubDomains; preload; max-age=0",
					"error header.preloadable.max_age.zero"),
			row(HEADER_TEST + "TestPreloadableHeaderString maxAge=100", "includeSubDomains; preload; max-age=100",
					"error header.preloadable.max_age.below_1_year"),
			row(HEADER_TEST + "TestParseHeaderString repeated preload",
					"preload; includeSubDomains; preload; max-age=31536000; preload",
					"warning header.parse.repeated.preload"),
			row(HEADER_TEST + "TestParseHeaderString multiple extra directives",
					"max-age=31536000; extra; includeSubDomains; directives; preload",
					"warning header.parse.unknown_directive", "warning header.parse.unknown_directive"),
			row(HEADER_TEST + "TestParseHeaderString trailing semicolon",
					"max-age=31536000; includeSubDomains; preload;", "warning header.parse.empty_directive"),
			row(HEADER_TEST + "TestParseHeaderString bad max-age: leading 0",
					"max-age=031536000; includeSubDomains; preload", "warning header.parse.max_age.leading_zero"),
			row(HEADER_TEST + "TestParseHeaderStringWithErrors bad max-age: empty value",
					"max-age=; includeSubDomains; preload", "error header.parse.max_age.parse_int_error",
					"error header.preloadable.max_age.missing"),
			row(HEADER_TEST + "TestParseHeaderStringWithErrors max-age: minus",
					"max-age=-101; includeSubDomains; preload", "error header.parse.max_age.non_digit_characters",
					"error header.preloadable.max_age.missing"),
			row(HEADER_TEST + "TestParseHeaderStringWithErrors no max-age value, unknown directive, trailing semicolon",
					"includeDomains; max-age;", "error header.parse.invalid.max_age.no_value",
					"error header.preloadable.include_sub_domains.missing", "error header.preloadable.preload.missing",
					"error header.preloadable.max_age.missing", "warning header.parse.unknown_directive",
					"warning header.parse.empty_directive"),
			row("checker: spaces around '=' are a max-age without a value to it",
					"max-age = 31536000; includeSubDomains; preload", "error header.parse.invalid.max_age.no_value",
					"error header.preloadable.max_age.missing"));

	@Test
	void checkerHeaderTestsHold() {
		SoftAssertions softly = new SoftAssertions();
		for (HeaderRow row : HEADERS) {
			softly.assertThat(PreloadReadiness.checkHeader(row.value()))
				.as("%s: [%s]", row.source(), row.value())
				.extracting((issue) -> (issue.error() ? "error " : "warning ") + issue.code())
				.containsExactly(row.issues());
		}
		softly.assertAll();
	}

	@Test
	void messagesAreTheCheckersOwn() {
		assertThat(PreloadReadiness.checkHeader("includeSubDomains; preload; max-age=10886400")).singleElement()
			.satisfies((issue) -> {
				assertThat(issue.summary()).isEqualTo("Max-age too low");
				assertThat(issue.message()).isEqualTo("The max-age must be at least 31536000 seconds (\u2248 1 year), "
						+ "but the header currently only has max-age=10886400.");
			});
		assertThat(PreloadReadiness.checkHeader("max-age=-101")).first()
			.extracting(PreloadIssue::message)
			.isEqualTo("The header's max-age value contains characters that are not digits: `max-age=-101`");
		assertThat(PreloadReadiness.checkHeader("max-age=31536000; preload").get(0).toString()).isEqualTo(
				"error header.preloadable.include_sub_domains.missing: The header must contain the `includeSubDomains` directive.");
	}

	@Test
	void observedResponsesAreCheckedAsTheCheckerDoes() {
		String good = "max-age=31536000; includeSubDomains; preload";
		PreloadProbeResponse httpsRoot = response("https://example.com/", 200, null, good);
		PreloadProbeResponse redirectsHome = response("http://example.com/", 301, "https://example.com/");
		assertThat(PreloadReadiness.checkResponses("example.com", httpsRoot, redirectsHome, null)).isEmpty();
		// redirects_test.go TestHTTPNoRedirect
		assertThat(PreloadReadiness.checkResponses("httpbin.org", response("https://httpbin.org/", 200, null, good),
				response("http://httpbin.org/", 200, null), null))
			.extracting(PreloadIssue::message)
			.containsExactly("`http://httpbin.org` does not redirect to `https://httpbin.org`.");
		// redirects_test.go TestFirstRedirectHSTS, bofa.com
		assertThat(PreloadReadiness.checkResponses("bofa.com", response("https://bofa.com/", 200, null, good),
				response("http://bofa.com/", 301, "https://www.bankofamerica.com/vanity/redirect.go?src=/"), null))
			.extracting(PreloadIssue::message)
			.containsExactly("`http://bofa.com` (HTTP) redirects to "
					+ "`https://www.bankofamerica.com/vanity/redirect.go?src=/`. The first redirect from "
					+ "`http://bofa.com` should be to a secure page on the same host (`https://bofa.com`).");
		// redirects.go: www first
		assertThat(PreloadReadiness.checkResponses("example.com", httpsRoot,
				response("http://example.com/", 301, "https://www.example.com/"), null))
			.extracting(PreloadIssue::code)
			.containsExactly("redirects.http.www_first");
		// redirects_test.go TestHSTSOverHTTP (useless header) and TestHTTPUnavailable
		assertThat(PreloadReadiness.checkResponses("example.com", httpsRoot,
				response("http://example.com/", 301, "/", "max-age=1"), null))
			.extracting(PreloadIssue::code)
			.containsExactly("redirects.http.first_redirect.insecure", "redirects.http.useless_header");
		assertThat(PreloadReadiness.checkResponses("example.com", httpsRoot, null, null)).extracting(PreloadIssue::code)
			.containsExactly("redirects.http.does_not_exist");
		// response.go: two headers; the redirect target without HSTS (only when the root
		// has none of its errors)
		assertThat(PreloadReadiness.checkResponses("example.com",
				response("https://example.com/", 200, null, good, good), redirectsHome, null))
			.extracting(PreloadIssue::message)
			.containsExactly("Response error: Multiple HSTS headers (number of HSTS headers: 2).");
		assertThat(PreloadReadiness.checkResponses("example.com", httpsRoot,
				response("http://example.com/", 301, "https://example.com/start"),
				response("https://example.com/start", 200, null)))
			.extracting(PreloadIssue::message)
			.containsExactly("`http://example.com` redirects to `https://example.com/start`, which does not serve a "
					+ "HSTS header that satisfies preload conditions. First error: No HSTS header");
		// redirects_test.go TestInsecureRedirect (the HTTPS root redirects to plain HTTP)
		assertThat(PreloadReadiness.checkResponses("example.com",
				response("https://example.com/", 302, "http://example.com/", good), redirectsHome, null))
			.extracting(PreloadIssue::code)
			.containsExactly("redirects.insecure.initial");
	}

	@Test
	void aSamplePlanAtEachStage() {
		Instant start = Instant.parse("2026-01-01T00:00:00Z");
		HstsPolicy policy = HstsPolicy.builder()
			.includeSubDomains(true)
			.preload(true)
			.startedAt(start.toString())
			.build();
		HttpsRedirectRule redirect = new HttpsRedirectRule(443, 301, 308, List.of());
		assertThat(PreloadReadiness.checkPlan(policy, start)).isEmpty();
		// stage 1: 300 s
		assertThat(PreloadReadiness.findings(policy, redirect, start.plusSeconds(3600)))
			.extracting(Finding::code, Finding::severity)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("preload.header.preloadable.include_sub_domains.missing",
							Finding.Severity.INFO),
					org.assertj.core.groups.Tuple.tuple("preload.header.preloadable.preload.missing",
							Finding.Severity.INFO),
					org.assertj.core.groups.Tuple.tuple("preload.header.preloadable.max_age.below_1_year",
							Finding.Severity.INFO));
		assertThat(PreloadReadiness.findings(policy, redirect, start.plusSeconds(3600)).get(2).message())
			.isEqualTo("The rollout is at stage 1 of 3 (max-age=300): hstspreload.org would refuse the domain today: "
					+ "The max-age must be at least 31536000 seconds (\u2248 1 year), but the header currently only has "
					+ "max-age=300. Submit once the final stage (max-age=31536000; includeSubDomains; preload) is live.");
		// stage 2: 86400 s
		assertThat(PreloadReadiness.findings(policy, redirect, start.plus(java.time.Duration.ofDays(2))))
			.extracting(Finding::code)
			.contains("preload.header.preloadable.max_age.below_1_year");
		// final stage: nothing to say
		assertThat(PreloadReadiness.findings(policy, redirect, start.plus(java.time.Duration.ofDays(30)))).isEmpty();
		// before the start: no header at all
		assertThat(PreloadReadiness.findings(policy, redirect, start.minusSeconds(1))).extracting(Finding::code)
			.containsExactly("preload.response.no_header");
		// no redirect, a fixed www host, an exempt root
		assertThat(PreloadReadiness.findings(policy, null, start.plus(java.time.Duration.ofDays(30))))
			.extracting(Finding::code)
			.containsExactly("preload.redirects.http.no_redirect");
		assertThat(
				PreloadReadiness.findings(policy, new HttpsRedirectRule("www.example.com", 443, 301, 308, List.of("/")),
						start.plus(java.time.Duration.ofDays(30))))
			.extracting(Finding::code)
			.containsExactly("preload.redirects.http.no_redirect", "preload.redirects.http.www_first");
		// an application that never meant to preload gets nothing
		HstsPolicy noPreload = HstsPolicy.builder().startedAt(start.toString()).build();
		assertThat(PreloadReadiness.findings(noPreload, null, start.plusSeconds(3600))).isEmpty();
	}

	private static PreloadProbeResponse response(String url, int status, String location, String... hsts) {
		return new PreloadProbeResponse(url, status, location, List.of(hsts));
	}

	private static HeaderRow row(String source, String value, String... issues) {
		return new HeaderRow(source, value, issues);
	}

	private record HeaderRow(String source, String value, String[] issues) {
	}

}
