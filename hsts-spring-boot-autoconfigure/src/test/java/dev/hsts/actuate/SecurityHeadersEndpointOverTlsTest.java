package dev.hsts.actuate;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.hsts.test.Http;
import dev.hsts.test.MutableClock;
import dev.hsts.test.RunningApp;
import dev.hsts.servlet.ResponseKindsApplication;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/securityheaders} and its host preview as an operator sees them, over
 * real TLS.
 */
class SecurityHeadersEndpointOverTlsTest {

	private static final Class<?>[] APP = { ResponseKindsApplication.class, TestClock.class };

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders,metrics,health";

	private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	@SuppressWarnings("unchecked")
	private static Map<String, Object> json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonParserFactory.getJsonParser().parseMap(response.body());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	private static Map<String, Object> report(RunningApp app) {
		return json(app.https().get("localhost", "/actuator/securityheaders"));
	}

	@Test
	void notExposedUnlessTheApplicationExposesIt() {
		try (RunningApp app = RunningApp.https(APP)) {
			assertThat(app.https().get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void pinnedModeShowsTheLivePolicyEveryHeaderAndTheFindings() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "security.headers.hsts.rollout.stage=2",
				"security.headers.trusted-hosts.allowed=api.example.test,localhost",
				"security.headers.content-security-policy.policy=default-src 'self'; "
						+ "report-uri https://r.example/csp?token=s3cret")) {
			Map<String, Object> report = report(app);
			assertThat(report.get("enabled")).isEqualTo(true);
			Map<String, Object> hsts = map(report.get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=86400");
			assertThat(hsts.get("stage")).isEqualTo(2);
			assertThat(hsts.get("mode")).isEqualTo("pinned");
			assertThat(hsts.get("startedAt")).isNull();
			assertThat(hsts.get("nextStage")).isNull();
			assertThat((List<?>) hsts.get("stages")).hasSize(3);
			assertThat(map(((List<?>) hsts.get("stages")).get(2))).containsEntry("header", "max-age=31536000")
				.containsEntry("maxAge", 31536000);
			assertThat((List<Object>) hsts.get("excludedHosts")).contains("localhost", "::1");
			Map<String, Object> headers = map(report.get("headers"));
			assertThat(headers).containsEntry("X-Content-Type-Options", "nosniff")
				.containsEntry("X-Frame-Options", "DENY")
				.containsEntry("Referrer-Policy", "no-referrer")
				.containsEntry("Content-Security-Policy", "default-src 'self'; report-uri ******");
			assertThat(map(report.get("cacheControl"))).containsEntry("value", "no-store")
				.containsEntry("enabled", true);
			Map<String, Object> trusted = map(report.get("trustedHosts"));
			assertThat((List<Object>) trusted.get("allowed")).containsExactly("api.example.test", "localhost");
			assertThat(map(trusted.get("rejected"))).containsEntry("not-allowed", 0).containsEntry("malformed", 0);
			assertThat(app.https().get("evil.example.com", "/ok").statusCode()).isEqualTo(400);
			assertThat(map(map(report(app).get("trustedHosts")).get("rejected"))).containsEntry("not-allowed", 1);
			List<Map<String, Object>> findings = findings(report);
			assertThat(findings)
				.anySatisfy((finding) -> assertThat(finding).containsEntry("code", "hsts.rollout.pinned-below-final")
					.containsEntry("severity", "info")
					.containsEntry("property", "security.headers.hsts.rollout.stage"));
			assertThat(findings)
				.noneSatisfy((finding) -> assertThat(finding.get("code")).asString().startsWith("trusted-hosts"));
			assertThat(report.toString()).doesNotContain("s3cret");
		}
	}

	@Test
	void secretValuesAreShownWhenTheApplicationSaysSo() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "management.endpoint.securityheaders.show-values=always",
				"security.headers.content-security-policy.policy=default-src 'self'; "
						+ "report-uri https://r.example/csp?token=s3cret")) {
			assertThat(map(report(app).get("headers"))).containsEntry("Content-Security-Policy",
					"default-src 'self'; report-uri https://r.example/csp?token=s3cret");
		}
	}

	@Test
	void scheduledModeBeforeAtAndAfterABoundary() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "security.headers.hsts.rollout.started-at=" + START)) {
			MutableClock clock = app.context().getBean(MutableClock.class);

			clock.set(START.minusSeconds(60));
			Map<String, Object> hsts = map(report(app).get("hsts"));
			assertThat(hsts.get("mode")).isEqualTo("scheduled");
			assertThat(hsts.get("header")).isNull();
			assertThat(hsts.get("stage")).isNull();
			assertThat(map(hsts.get("nextStage"))).containsEntry("stage", 1)
				.containsEntry("at", START.toString())
				.containsEntry("header", "max-age=300");
			assertThat(findings(report(app)))
				.anySatisfy((f) -> assertThat(f).containsEntry("code", "hsts.rollout.not-started"));

			Instant boundary = START.plus(Duration.ofDays(1));
			clock.set(boundary.minusMillis(1));
			hsts = map(report(app).get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=300");
			assertThat(hsts.get("stage")).isEqualTo(1);
			assertThat(hsts.get("startedAt")).isEqualTo(START.toString());
			assertThat(map(hsts.get("nextStage"))).containsEntry("stage", 2)
				.containsEntry("at", boundary.toString())
				.containsEntry("header", "max-age=86400");

			clock.set(boundary);
			hsts = map(report(app).get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=86400");
			assertThat(hsts.get("stage")).isEqualTo(2);
			assertThat(map(hsts.get("nextStage"))).containsEntry("stage", 3)
				.containsEntry("at", boundary.plus(Duration.ofDays(7)).toString());
			assertThat(findings(report(app)))
				.anySatisfy((f) -> assertThat(f).containsEntry("code", "hsts.rollout.final-stage-at")
					.satisfies((entry) -> assertThat((String) entry.get("message"))
						.contains(boundary.plus(Duration.ofDays(7)).toString())));

			clock.set(boundary.plus(Duration.ofDays(7)));
			hsts = map(report(app).get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=31536000");
			assertThat(hsts.get("stage")).isEqualTo(3);
			assertThat(hsts.get("nextStage")).isNull();
			assertThat(findings(report(app)))
				.noneSatisfy((f) -> assertThat(f.get("code")).isEqualTo("hsts.rollout.final-stage-at"));
		}
	}

	@Test
	void revokedMode() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "security.headers.hsts.revoke=true")) {
			Map<String, Object> hsts = map(report(app).get("hsts"));
			assertThat(hsts.get("mode")).isEqualTo("revoked");
			assertThat(hsts.get("header")).isEqualTo("max-age=0");
			assertThat(hsts.get("stage")).isNull();
			assertThat(findings(report(app))).anySatisfy((f) -> assertThat(f).containsEntry("code", "hsts.revoked")
				.containsEntry("severity", "warning")
				.containsEntry("property", "security.headers.hsts.revoke"));
		}
	}

	@Test
	void aStarterSwitchedOffSaysSoInsteadOfDisappearing() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "security.headers.enabled=false")) {
			Map<String, Object> report = report(app);
			assertThat(report).containsEntry("enabled", false);
			assertThat(map(report.get("hsts"))).containsEntry("mode", "disabled")
				.containsEntry("header", null)
				.containsEntry("stage", null)
				.containsEntry("nextStage", null);
			assertThat(map(report.get("headers"))).isEmpty();
			assertThat(map(report.get("cacheControl"))).containsEntry("enabled", false);
			assertThat(map(report.get("trustedHosts"))).containsEntry("enabled", false);
			assertThat(findings(report)).singleElement()
				.satisfies((f) -> assertThat(f).containsEntry("code", "starter.off")
					.containsEntry("severity", "warning")
					.containsEntry("property", "security.headers.enabled"));

			Map<String, Object> preview = json(
					app.https().get("localhost", "/actuator/securityheaders/api.example.test"));
			assertThat(preview).containsEntry("status", 200).containsEntry("rejected", null);
			assertThat(map(preview.get("headers"))).isEmpty();
			// And indeed: a real request gets no HSTS and none of the other headers from
			// the starter.
			HttpResponse<String> real = app.https().get("api.example.test", "/ok");
			assertThat(Http.values(real, "Strict-Transport-Security")).isEmpty();
			assertThat(Http.values(real, "X-Frame-Options")).isEmpty();
		}
	}

	@Test
	void aStarterSwitchedOffKeepsItsEndpointUnexposedUnlessTheApplicationExposesIt() {
		try (RunningApp app = RunningApp.https(APP, "security.headers.enabled=false")) {
			assertThat(app.https().get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	void hostPreviewShowsWhatARequestForThatHostGetsNow() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE,
				"security.headers.trusted-hosts.allowed=api.example.test,localhost")) {
			Map<String, Object> served = json(
					app.https().get("localhost", "/actuator/securityheaders/api.example.test"));
			assertThat(served).containsEntry("status", 200).containsEntry("rejected", null);
			assertThat(map(served.get("headers"))).containsEntry("Strict-Transport-Security", "max-age=300")
				.containsEntry("X-Frame-Options", "DENY")
				.containsEntry("Cache-Control", "no-store");

			Map<String, Object> local = json(app.https().get("localhost", "/actuator/securityheaders/localhost"));
			assertThat(local).containsEntry("status", 200);
			assertThat(map(local.get("headers"))).doesNotContainKey("Strict-Transport-Security")
				.containsKey("X-Frame-Options");

			Map<String, Object> untrusted = json(
					app.https().get("localhost", "/actuator/securityheaders/evil.example.com"));
			assertThat(untrusted).containsEntry("status", 400).containsEntry("rejected", "not-allowed");
			assertThat(map(untrusted.get("headers"))).doesNotContainKey("Strict-Transport-Security")
				.containsEntry("Cache-Control", "no-store")
				.containsEntry("X-Content-Type-Options", "nosniff");

			// The preview agrees with a real request for the same host.
			HttpResponse<String> real = app.https().get("api.example.test", "/ok");
			assertThat(Http.values(real, "Strict-Transport-Security")).containsExactly("max-age=300");
		}
	}

	@Test
	void metricsFollowTheRollout() {
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "security.headers.hsts.rollout.started-at=" + START)) {
			MutableClock clock = app.context().getBean(MutableClock.class);
			clock.set(START.plus(Duration.ofDays(2)));
			assertThat(metric(app, "security.headers.hsts.max-age")).isEqualTo(86400.0);
			assertThat(metric(app, "security.headers.hsts.stage")).isEqualTo(2.0);
			clock.set(START.minusSeconds(1));
			assertThat(metric(app, "security.headers.hsts.max-age")).isEqualTo(0.0);
			assertThat(metric(app, "security.headers.hsts.stage")).isEqualTo(0.0);
		}
		try (RunningApp app = RunningApp.https(APP, EXPOSE, "security.headers.hsts.revoke=true")) {
			assertThat(metric(app, "security.headers.hsts.max-age")).isEqualTo(0.0);
		}
	}

	private static double metric(RunningApp app, String name) {
		Map<String, Object> metric = json(app.https().get("localhost", "/actuator/metrics/" + name));
		List<?> measurements = (List<?>) metric.get("measurements");
		return ((Number) map(measurements.get(0)).get("value")).doubleValue();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> findings(Map<String, Object> report) {
		return (List<Map<String, Object>>) report.get("findings");
	}

	@Configuration(proxyBeanMethods = false)
	static class TestClock {

		@Bean
		MutableClock clock() {
			return new MutableClock(Instant.parse("2026-11-23T00:00:00Z"));
		}

	}

}
