package dev.hsts.reactive;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.hsts.servlet.ResponseKindsApplication;
import dev.hsts.test.Http;
import dev.hsts.test.MutableClock;
import dev.hsts.test.RunningApp;
import dev.hsts.test.RunningReactiveApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/securityheaders} and its host preview on a WebFlux application, over
 * real TLS on Netty, as an operator sees them: the same JSON fields and values as on the
 * servlet side ({@code dev.hsts.actuate.SecurityHeadersEndpointOverTlsTest}), and the
 * same JSON as a servlet application with the same properties at the same instant.
 */
class SecurityHeadersEndpointOverTlsTest {

	private static final Class<?>[] APP = { ReactiveResponseKindsApplication.class, TestClock.class };

	private static final Class<?>[] SERVLET_APP = { ResponseKindsApplication.class, TestClock.class };

	private static final String EXPOSE = "management.endpoints.web.exposure.include=securityheaders,metrics,health";

	private static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

	static Map<String, Object> json(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonParserFactory.getJsonParser().parseMap(response.body());
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	static Map<String, Object> report(Http http) {
		return json(http.get("localhost", "/actuator/securityheaders"));
	}

	static Map<String, Object> preview(Http http, String host) {
		return json(http.get("localhost", "/actuator/securityheaders/" + host));
	}

	@Test
	void notExposedUnlessTheApplicationExposesIt() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP)) {
			assertThat(app.https().get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void pinnedModeShowsTheLivePolicyEveryHeaderTheFindingsAndThePreview() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, EXPOSE, "security.headers.hsts.rollout.stage=2",
				"security.headers.trusted-hosts.allowed=api.example.test,localhost",
				"security.headers.content-security-policy.policy=default-src 'self'; "
						+ "report-uri https://r.example/csp?token=s3cret")) {
			Map<String, Object> report = report(app.https());
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
			assertThat(map(map(report(app.https()).get("trustedHosts")).get("rejected"))).containsEntry("not-allowed",
					1);
			List<Map<String, Object>> findings = findings(report);
			assertThat(findings)
				.anySatisfy((finding) -> assertThat(finding).containsEntry("code", "hsts.rollout.pinned-below-final")
					.containsEntry("severity", "info")
					.containsEntry("property", "security.headers.hsts.rollout.stage"));
			assertThat(findings)
				.noneSatisfy((finding) -> assertThat(finding.get("code")).asString().startsWith("trusted-hosts"));
			assertThat(report.toString()).doesNotContain("s3cret");

			// The host preview: what a secure request for the host gets now.
			Map<String, Object> served = preview(app.https(), "api.example.test");
			assertThat(served).containsEntry("host", "api.example.test")
				.containsEntry("status", 200)
				.containsEntry("rejected", null)
				.containsEntry("refusedBy", null);
			assertThat(map(served.get("headers"))).containsEntry("Strict-Transport-Security", "max-age=86400")
				.containsEntry("X-Frame-Options", "DENY")
				.containsEntry("Cache-Control", "no-store")
				.containsEntry("Content-Security-Policy", "default-src 'self'; report-uri ******");
			Map<String, Object> local = preview(app.https(), "localhost");
			assertThat(local).containsEntry("status", 200);
			assertThat(map(local.get("headers"))).doesNotContainKey("Strict-Transport-Security")
				.containsKey("X-Frame-Options");
			Map<String, Object> untrusted = preview(app.https(), "evil.example.com");
			assertThat(untrusted).containsEntry("status", 400)
				.containsEntry("rejected", "not-allowed")
				.containsEntry("refusedBy", "trusted-hosts");
			assertThat(map(untrusted.get("headers"))).doesNotContainKey("Strict-Transport-Security")
				.containsEntry("Cache-Control", "no-store")
				.containsEntry("X-Content-Type-Options", "nosniff");
			// The preview agrees with a real request for the same host.
			HttpResponse<String> real = app.https().get("api.example.test", "/ok");
			assertThat(Http.values(real, "Strict-Transport-Security")).containsExactly("max-age=86400");
		}
	}

	@Test
	void secretValuesAreShownWhenTheApplicationSaysSo() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, EXPOSE,
				"management.endpoint.securityheaders.show-values=always",
				"security.headers.content-security-policy.policy=default-src 'self'; "
						+ "report-uri https://r.example/csp?token=s3cret")) {
			assertThat(map(report(app.https()).get("headers"))).containsEntry("Content-Security-Policy",
					"default-src 'self'; report-uri https://r.example/csp?token=s3cret");
		}
	}

	@Test
	void scheduledModeBeforeAtAndAfterABoundaryWithItsMetrics() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, EXPOSE,
				"security.headers.hsts.rollout.started-at=" + START)) {
			MutableClock clock = app.context().getBean(MutableClock.class);
			Supplier<Http> http = app::https;

			clock.set(START.minusSeconds(60));
			Map<String, Object> hsts = map(report(http.get()).get("hsts"));
			assertThat(hsts.get("mode")).isEqualTo("scheduled");
			assertThat(hsts.get("header")).isNull();
			assertThat(hsts.get("stage")).isNull();
			assertThat(map(hsts.get("nextStage"))).containsEntry("stage", 1)
				.containsEntry("at", START.toString())
				.containsEntry("header", "max-age=300");
			assertThat(findings(report(http.get())))
				.anySatisfy((f) -> assertThat(f).containsEntry("code", "hsts.rollout.not-started"));
			assertThat(metric(http.get(), "security.headers.hsts.max-age")).isEqualTo(0.0);
			assertThat(metric(http.get(), "security.headers.hsts.stage")).isEqualTo(0.0);

			Instant boundary = START.plus(Duration.ofDays(1));
			clock.set(boundary.minusMillis(1));
			hsts = map(report(http.get()).get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=300");
			assertThat(hsts.get("stage")).isEqualTo(1);
			assertThat(hsts.get("startedAt")).isEqualTo(START.toString());
			assertThat(map(hsts.get("nextStage"))).containsEntry("stage", 2)
				.containsEntry("at", boundary.toString())
				.containsEntry("header", "max-age=86400");

			clock.set(boundary);
			hsts = map(report(http.get()).get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=86400");
			assertThat(hsts.get("stage")).isEqualTo(2);
			assertThat(map(hsts.get("nextStage"))).containsEntry("stage", 3)
				.containsEntry("at", boundary.plus(Duration.ofDays(7)).toString());
			assertThat(findings(report(http.get())))
				.anySatisfy((f) -> assertThat(f).containsEntry("code", "hsts.rollout.final-stage-at")
					.satisfies((entry) -> assertThat((String) entry.get("message"))
						.contains(boundary.plus(Duration.ofDays(7)).toString())));
			assertThat(metric(http.get(), "security.headers.hsts.max-age")).isEqualTo(86400.0);
			assertThat(metric(http.get(), "security.headers.hsts.stage")).isEqualTo(2.0);
			assertThat(Http.values(http.get().get("api.example.test", "/ok"), "Strict-Transport-Security"))
				.containsExactly("max-age=86400");

			clock.set(boundary.plus(Duration.ofDays(7)));
			hsts = map(report(http.get()).get("hsts"));
			assertThat(hsts.get("header")).isEqualTo("max-age=31536000");
			assertThat(hsts.get("stage")).isEqualTo(3);
			assertThat(hsts.get("nextStage")).isNull();
			assertThat(findings(report(http.get())))
				.noneSatisfy((f) -> assertThat(f.get("code")).isEqualTo("hsts.rollout.final-stage-at"));
		}
	}

	@Test
	void revokedMode() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, EXPOSE, "security.headers.hsts.revoke=true")) {
			Map<String, Object> hsts = map(report(app.https()).get("hsts"));
			assertThat(hsts.get("mode")).isEqualTo("revoked");
			assertThat(hsts.get("header")).isEqualTo("max-age=0");
			assertThat(hsts.get("stage")).isNull();
			assertThat(findings(report(app.https())))
				.anySatisfy((f) -> assertThat(f).containsEntry("code", "hsts.revoked")
					.containsEntry("severity", "warning")
					.containsEntry("property", "security.headers.hsts.revoke"));
			assertThat(metric(app.https(), "security.headers.hsts.max-age")).isEqualTo(0.0);
		}
	}

	@Test
	void aStarterSwitchedOffSaysSoInsteadOfDisappearing() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, EXPOSE, "security.headers.enabled=false")) {
			Map<String, Object> report = report(app.https());
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

			Map<String, Object> preview = preview(app.https(), "api.example.test");
			assertThat(preview).containsEntry("status", 200).containsEntry("rejected", null);
			assertThat(map(preview.get("headers"))).isEmpty();
			HttpResponse<String> real = app.https().get("api.example.test", "/ok");
			assertThat(Http.values(real, "Strict-Transport-Security")).isEmpty();
			assertThat(Http.values(real, "X-Frame-Options")).isEmpty();
		}
	}

	@Test
	void aStarterSwitchedOffKeepsItsEndpointUnexposedUnlessTheApplicationExposesIt() {
		try (RunningReactiveApp app = RunningReactiveApp.https(APP, "security.headers.enabled=false")) {
			assertThat(app.https().get("localhost", "/actuator/securityheaders").statusCode()).isEqualTo(404);
		}
	}

	/**
	 * A servlet application and a WebFlux application with the same properties, their
	 * clocks at the same instant, after the same requests: the same report, and the same
	 * preview for hosts both servers accept. What legitimately differs: the message of
	 * {@code endpoint.unprotected} names the stack's Spring Security bean
	 * ({@code FilterChainProxy}, {@code WebFilterChainProxy}); and the previews of hosts
	 * the server itself refuses before any filter runs, which are not the same hosts on
	 * Tomcat ({@code HostPreviewAgreesWithTomcatTest}) and on Netty
	 * ({@link HostPreviewAgreesWithNettyTest}), so they are not compared here.
	 */
	/**
	 * {@code ?path=}: path policies, paths exempt from the trusted-host check and paths
	 * excluded from the Cache-Control default apply to the preview as to a real request,
	 * on both stacks.
	 */
	@Test
	void hostPreviewOfAPathAppliesThePathRulesAsARealRequestMeetsThem() {
		String[] properties = { EXPOSE, "security.headers.trusted-hosts.allowed=api.example.test,localhost",
				"security.headers.trusted-hosts.exempt-paths=/status/**",
				"security.headers.content-security-policy.policy=default-src 'self'",
				"security.headers.content-security-policy.path-policies[0].paths=/docs/**",
				"security.headers.content-security-policy.path-policies[0].policy=default-src 'self' 'unsafe-inline'",
				"security.headers.cache-control.excluded-paths=/etag", "logging.level.dev.hsts=OFF" };
		try (RunningApp servlet = RunningApp.https(SERVLET_APP, properties);
				RunningReactiveApp reactive = RunningReactiveApp.https(APP, properties)) {
			// A client per request, as in the test below: the server closes the
			// connection
			// of a refused request, and a client that reused it would wait for an answer.
			for (Supplier<Http> http : List.<Supplier<Http>>of(servlet::https, reactive::https)) {
				Map<String, Object> docs = preview(http.get(), "api.example.test?path=/docs/index.html");
				assertThat(docs).containsEntry("path", "/docs/index.html").containsEntry("status", 200);
				assertThat(map(docs.get("headers"))).containsEntry("Content-Security-Policy",
						"default-src 'self' 'unsafe-inline'");
				Map<String, Object> root = preview(http.get(), "api.example.test");
				assertThat(root).containsEntry("path", "/");
				assertThat(map(root.get("headers"))).containsEntry("Content-Security-Policy", "default-src 'self'")
					.containsEntry("Cache-Control", "no-store");

				// No Cache-Control default on an excluded path, in the preview as for
				// real.
				assertThat(map(preview(http.get(), "api.example.test?path=/etag").get("headers")))
					.doesNotContainKey("Cache-Control");
				assertThat(Http.values(http.get().get("api.example.test", "/etag"), "Cache-Control"))
					.doesNotContain("no-store");

				// A host the application does not serve passes on an exempt path only.
				assertThat(preview(http.get(), "evil.example.com?path=/status/204")).containsEntry("status", 200)
					.containsEntry("rejected", null);
				assertThat(http.get().get("evil.example.com", "/status/204").statusCode()).isEqualTo(204);
				assertThat(preview(http.get(), "evil.example.com?path=/ok")).containsEntry("status", 400)
					.containsEntry("rejected", "not-allowed");
				assertThat(http.get().get("evil.example.com", "/ok").statusCode()).isEqualTo(400);

				// Not a path: a 400, never a 5xx or a stack trace.
				for (String bad : new String[] { "docs", "/a%zz", "/a%2", "/a b", "/a?b=c", "/" + "a".repeat(2049) }) {
					HttpResponse<String> response = http.get()
						.get("localhost", "/actuator/securityheaders/api.example.test?path="
								+ URLEncoder.encode(bad, StandardCharsets.UTF_8));
					assertThat(response.statusCode()).as(bad).isEqualTo(400);
					assertThat(response.body()).as(bad).doesNotContain("Exception");
				}
			}
		}
	}

	@Test
	void theSameJsonAsAServletApplicationWithTheSameProperties() {
		String[] properties = { EXPOSE, "security.headers.hsts.rollout.started-at=" + START,
				"security.headers.hsts.include-subdomains=true",
				"security.headers.trusted-hosts.allowed=api.example.test,*.example.test,localhost",
				"security.headers.trusted-hosts.exempt-paths=/actuator/health/**",
				"security.headers.content-security-policy.policy=default-src 'self'; "
						+ "report-uri https://r.example/csp?token=s3cret",
				"security.headers.cross-origin-opener-policy=same-origin", "logging.level.org.apache=OFF",
				"logging.level.dev.hsts=OFF" };
		try (RunningApp servlet = RunningApp.https(SERVLET_APP, properties);
				RunningReactiveApp reactive = RunningReactiveApp.https(APP, properties)) {
			Instant now = START.plus(Duration.ofDays(3));
			servlet.context().getBean(MutableClock.class).set(now);
			reactive.context().getBean(MutableClock.class).set(now);
			for (Supplier<Http> http : List.<Supplier<Http>>of(servlet::https, reactive::https)) {
				assertThat(http.get().get("api.example.test", "/ok").statusCode()).isEqualTo(200);
				assertThat(http.get().get("evil.example.com", "/ok").statusCode()).isEqualTo(400);
				assertThat(http.get().get("api.example.test:0", "/ok").statusCode()).isEqualTo(400);
			}

			Map<String, Object> servletReport = report(servlet.https());
			Map<String, Object> reactiveReport = report(reactive.https());
			assertThat(map(servletReport.get("hsts"))).containsEntry("stage", 2);
			assertThat(map(map(servletReport.get("trustedHosts")).get("rejected"))).containsEntry("not-allowed", 1)
				.containsEntry("malformed", 1);
			// The one legitimate difference in the report: endpoint.unprotected names the
			// stack's Spring Security bean.
			assertThat(findings(servletReport))
				.anySatisfy((finding) -> assertThat(finding).containsEntry("code", "endpoint.unprotected")
					.extractingByKey("message")
					.asString()
					.contains("(no FilterChainProxy bean)"));
			for (Map<String, Object> finding : findings(reactiveReport)) {
				finding.computeIfPresent("message", (key, message) -> ((String) message)
					.replace("(no WebFilterChainProxy bean)", "(no FilterChainProxy bean)"));
			}
			assertThat(findings(reactiveReport)).as("findings").isEqualTo(findings(servletReport));
			assertThat(reactiveReport).isEqualTo(servletReport);

			for (String host : List.of("api.example.test", "www.example.test", "API.Example.Test.", "localhost",
					"127.0.0.1", "%5B::1%5D", "evil.example.com", "example.test", "api.example.test:0")) {
				assertThat(preview(reactive.https(), host)).as(host).isEqualTo(preview(servlet.https(), host));
			}
		}
	}

	static double metric(Http http, String name) {
		Map<String, Object> metric = json(http.get("localhost", "/actuator/metrics/" + name));
		List<?> measurements = (List<?>) metric.get("measurements");
		return ((Number) map(measurements.get(0)).get("value")).doubleValue();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> findings(Map<String, Object> report) {
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
