package dev.hsts.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.hsts.test.FailedStartup;
import dev.hsts.test.Headers;
import dev.hsts.test.RunningApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An application's own {@code HttpSecurity.headers(...)} choices for the headers the
 * starter manages are never overridden without a word, on real startups over real TLS: a
 * chain that chooses a value of its own stops the application with a report that names
 * the chain, the header, the chain's value and the {@code security.headers.*} property
 * that says the same; with that property set, the application starts and sends the chosen
 * value once. A chain that switches Spring Security's headers off starts with a warning
 * naming it.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChainHeaderChoicesTest {

	static final String CHAIN = "securityFilterChain";

	static final String[] PROPERTIES = { "logging.level.org.apache.catalina.core=OFF",
			"spring.security.user.password=secret" };

	static RunningApp start(String chainHeaders, String... properties) {
		List<String> all = new ArrayList<>(List.of(PROPERTIES));
		all.add("test.chain-headers=" + chainHeaders);
		all.addAll(List.of(properties));
		return RunningApp.https(new Class<?>[] { ChainHeadersApplication.class }, all.toArray(new String[0]));
	}

	/**
	 * The chain's headers section, then what the report's description and action must
	 * say.
	 */
	static Stream<Arguments> ownChoices() {
		return Stream.of(
				Arguments.of("same-origin-and-hsts", List.of(
						"X-Frame-Options\n        The chain writes: SAMEORIGIN\n"
								+ "        As a property: security.headers.frame-options=SAMEORIGIN",
						"Strict-Transport-Security\n        The chain writes: max-age=600 ; includeSubDomains\n"
								+ "        As properties: security.headers.hsts.rollout.stages[0].max-age=600s, "
								+ "security.headers.hsts.include-subdomains=true"),
						List.of("Set security.headers.hsts.rollout.stages[0].max-age=600s, "
								+ "security.headers.hsts.include-subdomains=true and "
								+ "security.headers.frame-options=SAMEORIGIN in your configuration, and remove "
								+ "httpStrictTransportSecurity(...) and frameOptions(...) from the headers(...) "
								+ "configuration of the chain '" + CHAIN + "'")),
				Arguments.of("frame-options-disabled", List
					.of("X-Frame-Options\n        The chain writes: nothing (switched off with frameOptions(...))\n"
							+ "        As a property: security.headers.frame-options=disabled"),
						List.of("Set security.headers.frame-options=disabled in your configuration, and remove "
								+ "frameOptions(...) from the headers(...) configuration of the chain '" + CHAIN
								+ "'")),
				Arguments.of("content-type-options-and-cache-control-disabled",
						List.of("As a property: security.headers.content-type-options=disabled",
								"As a property: security.headers.cache-control.enabled=false"),
						List.of("remove contentTypeOptions(...) and cacheControl(...)")),
				Arguments.of("only-hsts-and-cache-control",
						List.of("As a property: security.headers.frame-options=disabled",
								"As a property: security.headers.content-type-options=disabled",
								"As a property: security.headers.xss-protection=disabled"),
						List.of("remove frameOptions(...), contentTypeOptions(...) and xssProtection(...)")),
				Arguments.of("xss-block",
						List.of("X-XSS-Protection\n        The chain writes: 1; mode=block\n"
								+ "        As properties: none sends this value (see the note)",
								"XSS auditor of old browsers"),
						List.of("Remove xssProtection(...) from the headers(...) configuration of the chain '" + CHAIN
								+ "'")),
				Arguments.of("xss-disabled", List
					.of("X-XSS-Protection\n        The chain writes: nothing (switched off with xssProtection(...))\n"
							+ "        As a property: security.headers.xss-protection=disabled"),
						List.of("Set security.headers.xss-protection=disabled in your configuration, and remove "
								+ "xssProtection(...) from the headers(...) configuration of the chain '" + CHAIN
								+ "'")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ownChoices")
	void aChainsOwnValueStopsTheApplicationWithAReportNamingTheChainTheHeaderAndTheProperty(String chainHeaders,
			List<String> description, List<String> action, CapturedOutput output) {
		int before = output.getAll().length();
		assertThatThrownBy(() -> start(chainHeaders).close()).isNotNull();
		FailedStartup report = FailedStartup.printedSince(output, before);
		String descriptionSection = report.description();
		String actionSection = report.action().replaceAll("\\s+", " ");
		assertThat(descriptionSection).contains("Spring Security's filter chain '" + CHAIN + "'");
		for (String expected : description) {
			assertThat(descriptionSection).contains(expected);
		}
		for (String expected : action) {
			assertThat(actionSection).contains(expected);
		}
		assertThat(actionSection).contains("security.headers.enabled=false");
		assertThat(report.printed()).doesNotContain("Application run failed");
	}

	@Test
	void withThePropertiesTheReportNamesTheApplicationStartsAndSendsTheChainsValuesOnce() {
		try (RunningApp app = start("same-origin-and-hsts", "security.headers.frame-options=SAMEORIGIN",
				"security.headers.hsts.rollout.stages[0].max-age=600s",
				"security.headers.hsts.include-subdomains=true")) {
			for (String path : List.of("/ok", "/missing", "/fail", "/send-redirect")) {
				HttpResponse<String> response = app.https().get("api.example.test", path);
				Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "SAMEORIGIN");
				Headers.assertExactlyOne(response, Headers.HSTS, "max-age=600; includeSubDomains");
				Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
				Headers.assertCacheControl(response, "no-store");
			}
		}
	}

	@Test
	void withFrameOptionsDisabledInTheStarterTooTheApplicationStartsAndSendsNone() {
		try (RunningApp app = start("frame-options-disabled", "security.headers.frame-options=disabled")) {
			HttpResponse<String> response = app.https().get("api.example.test", "/ok");
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertNone(response, Headers.FRAME_OPTIONS);
			Headers.assertExactlyOne(response, Headers.HSTS, "max-age=300");
			Headers.assertExactlyOne(response, Headers.CONTENT_TYPE_OPTIONS, "nosniff");
		}
	}

	@Test
	void aChainWithoutSpringSecuritysHeadersStartsWithAWarningNamingItAndGetsTheStartersHeadersOnce(
			CapturedOutput output) {
		int before = output.getAll().length();
		try (RunningApp app = start("headers-disabled")) {
			String printed = output.getAll().substring(before);
			assertThat(printed).containsPattern("WARN .*Spring Security's filter chain '" + CHAIN
					+ "' writes no headers \\(its headers are switched off, as with "
					+ "http.headers\\(headers -> headers.disable\\(\\)\\)\\)");
			assertThat(printed).contains("security.headers.enabled=false");
			for (String path : List.of("/ok", "/missing")) {
				HttpResponse<String> response = app.https().get("api.example.test", path);
				for (Map.Entry<String, String> header : Headers.DEFAULTS.entrySet()) {
					Headers.assertExactlyOne(response, header.getKey(), header.getValue());
				}
				Headers.assertCacheControl(response, "no-store");
			}
		}
	}

	@Test
	void xssProtectionIsTheStartersOnceWithSpringSecuritysDefaults() {
		try (RunningApp app = start("defaults")) {
			for (String path : List.of("/ok", "/missing", "/fail", "/send-redirect")) {
				Headers.assertExactlyOne(app.https().get("api.example.test", path), Headers.XSS_PROTECTION, "0");
			}
		}
	}

	@Test
	void xssProtectionSwitchedOffInTheStarterIsNotFilledInBySpringSecurity() {
		try (RunningApp app = start("defaults", "security.headers.xss-protection=disabled")) {
			for (String path : List.of("/ok", "/missing", "/fail", "/send-redirect")) {
				HttpResponse<String> response = app.https().get("api.example.test", path);
				Headers.assertNone(response, Headers.XSS_PROTECTION);
				Headers.assertExactlyOne(response, Headers.FRAME_OPTIONS, "DENY");
			}
		}
	}

	@Test
	void withXssProtectionDisabledInTheStarterTooTheApplicationStartsAndSendsNone() {
		try (RunningApp app = start("xss-disabled", "security.headers.xss-protection=disabled")) {
			HttpResponse<String> response = app.https().get("api.example.test", "/ok");
			assertThat(response.statusCode()).isEqualTo(200);
			Headers.assertNone(response, Headers.XSS_PROTECTION);
		}
	}

}
