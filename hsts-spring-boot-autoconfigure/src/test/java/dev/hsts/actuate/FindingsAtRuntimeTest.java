package dev.hsts.actuate;

import java.net.http.HttpResponse;

import dev.hsts.autoconfigure.SecurityHeadersFindings;
import dev.hsts.core.Finding;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import dev.hsts.servlet.ResponseKindsApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.StringUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Findings that only show at runtime, on a real server: the proxy whose X-Forwarded-Proto
 * the application ignores, the header the application sets itself, and the startup
 * report, printed once.
 */
@ExtendWith(OutputCaptureExtension.class)
class FindingsAtRuntimeTest {

	private static final Class<?>[] APP = { ResponseKindsApplication.class };

	@Test
	void aProxyTheApplicationDoesNotBelieveIsDetectedAndLoggedOnce(CapturedOutput output) {
		try (RunningApp app = RunningApp.plain(APP, "logging.level.dev.hsts=INFO")) {
			assertThat(app.findingCodes()).doesNotContain("proxy.forwarded-proto-ignored");
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> response = app.plain()
					.get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
				assertThat(Http.values(response, "Strict-Transport-Security")).isEmpty();
			}
			assertThat(app.findingCodes()).contains("proxy.forwarded-proto-ignored");
			String log = output.getAll();
			assertThat(log).containsOnlyOnce("says it arrived over HTTPS")
				.contains("server.forward-headers-strategy=native");
		}
	}

	@Test
	void withForwardedHeaderHandlingNothingIsReported() {
		try (RunningApp app = RunningApp.plain(APP, "server.forward-headers-strategy=native",
				"server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1")) {
			HttpResponse<String> response = app.plain().get("api.example.test", "/ok", "X-Forwarded-Proto", "https");
			assertThat(Http.values(response, "Strict-Transport-Security")).containsExactly("max-age=300");
			assertThat(app.findingCodes()).doesNotContain("proxy.forwarded-proto-ignored", "proxy.framework-strategy");
		}
	}

	@Test
	void theFrameworkStrategyIsReported() {
		try (RunningApp app = RunningApp.plain(APP, "server.forward-headers-strategy=framework")) {
			assertThat(app.findingCodes()).contains("proxy.framework-strategy");
		}
	}

	@Test
	void preloadReadinessIsReportedOnlyWhenPreloadIsConfigured() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.hsts.preload=true",
				"security.headers.hsts.include-subdomains=true")) {
			assertThat(app.findingCodes()).contains("preload.header.preloadable.max_age.below_1_year",
					"preload.redirects.http.no_redirect");
			Finding maxAge = app.context()
				.getBean(SecurityHeadersFindings.class)
				.findings()
				.stream()
				.filter((finding) -> finding.code().equals("preload.header.preloadable.max_age.below_1_year"))
				.findFirst()
				.orElseThrow();
			assertThat(maxAge.severity()).isEqualTo(Finding.Severity.INFO);
			assertThat(maxAge.message()).contains("The max-age must be at least 31536000 seconds (\u2248 1 year), but "
					+ "the header currently only has max-age=300.");
			assertThat(maxAge.property()).isEqualTo("security.headers.hsts.rollout.stage");
		}
	}

	@Test
	void aHeaderTheApplicationSetsItselfIsReported() {
		try (RunningApp app = RunningApp.https(APP)) {
			assertThat(app.findingCodes()).doesNotContain("header.application-value")
				.noneMatch((code) -> code.startsWith("preload."));
			app.https().get("api.example.test", "/own-hsts-added");
			assertThat(app.findingCodes()).contains("header.application-value");
		}
	}

	@Test
	void switchingTheWholeStarterOffIsAWarningAtStartup(CapturedOutput output) {
		try (RunningApp app = RunningApp.https(APP, "security.headers.enabled=false")) {
			assertThat(output.getAll()).containsOnlyOnce("Security headers: 1 finding")
				.contains("[warning] starter.off (security.headers.enabled)")
				.containsPattern("WARN .*FindingsStartupReport");
			assertThat(Http.values(app.https().get("api.example.test", "/ok"), "Strict-Transport-Security")).isEmpty();
		}
	}

	@Test
	void eachFindingIsLoggedExactlyOnce(CapturedOutput output) {
		try (RunningApp app = RunningApp.https(APP, "logging.level.dev.hsts=INFO")) {
			String log = output.getAll();
			assertThat(StringUtils.countOccurrencesOf(log, "Trusted-host checks are off")).as(log).isOne();
			assertThat(StringUtils.countOccurrencesOf(log, "[info] trusted-hosts.off")).as(log).isOne();
			assertThat(StringUtils.countOccurrencesOf(log, "The rollout is pinned at stage 1")).as(log).isOne();
		}
	}

	@Test
	void everyHostAllowedIsOneWarning(CapturedOutput output) {
		try (RunningApp app = RunningApp.https(APP, "security.headers.trusted-hosts.allowed=*")) {
			String log = output.getAll();
			assertThat(StringUtils.countOccurrencesOf(log, "Trusted-host checks allow every host")).as(log).isOne();
			assertThat(log).containsPattern("WARN .*FindingsStartupReport .*\n  \\[warning\\] trusted-hosts.any");
		}
	}

	@Test
	void theStartupReportIsPrintedOnce(CapturedOutput output) {
		try (RunningApp app = RunningApp.https(APP, "security.headers.hsts.revoke=true",
				"logging.level.dev.hsts=INFO")) {
			assertThat(output.getAll()).containsOnlyOnce("Security headers: ")
				.contains("[warning] hsts.revoked (security.headers.hsts.revoke)");
		}
	}

}
