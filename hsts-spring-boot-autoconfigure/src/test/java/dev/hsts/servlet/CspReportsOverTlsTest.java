package dev.hsts.servlet;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.hsts.test.Headers;
import dev.hsts.test.Http;
import dev.hsts.test.RunningApp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.boot.json.JsonParserFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CSP violation reports over real TLS to embedded Tomcat: every policy the starter writes
 * (top-level, named, path) names the collector with its policy id and the response names
 * the Reporting API endpoint; both report formats are accepted (204) and counted, once
 * logged and passed on; the refusals (405, 413 declared and chunked, 415, 400, 429 with
 * Retry-After) never reach the application and are never a 5xx; the trusted-host check
 * applies unless the collector is exempt; the endpoint shows the counts and the findings.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CspReportsOverTlsTest {

	static final String R = "security.headers.content-security-policy.reporting.";

	static final String CSP = "application/csp-report";

	static final String REPORTS = "application/reports+json";

	static RunningApp app;

	/** Strict limits, exempt from the trusted-host check. */
	static RunningApp strict;

	@BeforeAll
	static void start() {
		app = RunningApp.https(new Class<?>[] { CspReportsApplication.class },
				"logging.level.org.apache.catalina.core=OFF", R + "enabled=true", R + "max-body-size=4KB",
				R + "rate-limit.per-client=1000", R + "rate-limit.overall=1000",
				"security.headers.content-security-policy.policy=default-src 'self'",
				"security.headers.content-security-policy.report-only-policy=script-src 'none'",
				"security.headers.policies.embed.paths=/public/**",
				"security.headers.policies.embed.content-security-policy.policy=default-src 'self' https:",
				"security.headers.content-security-policy.path-policies[0].paths=/admin/**",
				"security.headers.content-security-policy.path-policies[0].policy=default-src 'none'",
				"security.headers.trusted-hosts.allowed=localhost,api.example.test",
				"management.endpoints.web.exposure.include=securityheaders");
		strict = RunningApp.https(new Class<?>[] { CspReportsApplication.class },
				"logging.level.org.apache.catalina.core=OFF", R + "enabled=true", R + "rate-limit.per-client=3",
				R + "rate-limit.overall=3", R + "trusted-host-exempt=true",
				"security.headers.content-security-policy.report-only-policy=script-src 'none'",
				"security.headers.trusted-hosts.allowed=localhost");
	}

	@AfterAll
	static void stop() {
		for (RunningApp running : new RunningApp[] { app, strict }) {
			if (running != null) {
				running.close();
			}
		}
	}

	static String reportUri(String directive, String blocked, String disposition) {
		return "{\"csp-report\":{\"document-uri\":\"https://localhost/page\",\"referrer\":\"\","
				+ "\"violated-directive\":\"" + directive + "\",\"effective-directive\":\"" + directive
				+ "\",\"original-policy\":\"default-src 'self'\",\"disposition\":\"" + disposition
				+ "\",\"blocked-uri\":\"" + blocked + "\",\"line-number\":7,\"source-file\":\"https://localhost/page\","
				+ "\"status-code\":200,\"script-sample\":\"\"}}";
	}

	static String reportsJson(String directive, String blocked, String disposition) {
		return "[{\"age\":5,\"body\":{\"blockedURL\":\"" + blocked + "\",\"columnNumber\":3,\"disposition\":\""
				+ disposition + "\",\"documentURL\":\"https://localhost/public/page\",\"effectiveDirective\":\""
				+ directive + "\",\"lineNumber\":4,\"originalPolicy\":\"script-src 'none'\",\"referrer\":\"\","
				+ "\"sample\":\"\",\"sourceFile\":\"https://localhost/public/page\",\"statusCode\":200},"
				+ "\"type\":\"csp-violation\",\"url\":\"https://localhost/public/page\",\"user_agent\":\"Test\"}]";
	}

	static HttpResponse<String> post(RunningApp target, String host, String path, String contentType, String body) {
		return target.https()
			.send("POST", host, path, HttpRequest.BodyPublishers.ofString(body), "Content-Type", contentType);
	}

	static double reports(String disposition, String directive, String policy) {
		Counter counter = app.context()
			.getBean(MeterRegistry.class)
			.find("security.headers.csp.reports")
			.tags("disposition", disposition, "directive", directive, "policy", policy)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	static double rejected(RunningApp target, String reason) {
		Counter counter = target.context()
			.getBean(MeterRegistry.class)
			.find("security.headers.csp.reports.rejected")
			.tag("reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	static CspReportsApplication.Recorder recorder(RunningApp target) {
		return target.context().getBean(CspReportsApplication.Recorder.class);
	}

	@Test
	void everyPolicyNamesTheCollectorWithItsId() {
		HttpResponse<String> page = app.https().get("localhost", "/ok");
		Headers.assertExactlyOne(page, Headers.CSP,
				"default-src 'self'; report-uri /csp-reports?policy=default; report-to csp-default");
		Headers.assertExactlyOne(page, Headers.CSP_REPORT_ONLY,
				"script-src 'none'; report-uri /csp-reports?policy=default; report-to csp-default");
		Headers.assertExactlyOne(page, "Reporting-Endpoints", "csp-default=\"/csp-reports?policy=default\"");
		HttpResponse<String> named = app.https().get("localhost", "/public/ok");
		Headers.assertExactlyOne(named, Headers.CSP,
				"default-src 'self' https:; report-uri /csp-reports?policy=embed; report-to csp-embed");
		Headers.assertExactlyOne(named, "Reporting-Endpoints", "csp-embed=\"/csp-reports?policy=embed\"");
		HttpResponse<String> path = app.https().get("localhost", "/admin/ok");
		Headers.assertExactlyOne(path, Headers.CSP,
				"default-src 'none'; report-uri /csp-reports?policy=path.0; report-to csp-path.0");
		Headers.assertExactlyOne(path, "Reporting-Endpoints", "csp-path.0=\"/csp-reports?policy=path.0\"");
	}

	@Test
	void bothFormatsAreAcceptedCountedAndPassedOnOnce() {
		CspReportsApplication.Recorder recorder = recorder(app);
		double enforced = reports("enforce", "script-src-elem", "default");
		HttpResponse<String> first = post(app, "localhost", "/csp-reports?policy=default", CSP,
				reportUri("script-src-elem", "https://cdn.one.example/a.js", "enforce"));
		assertThat(first.statusCode()).isEqualTo(204);
		assertThat(first.body()).isEmpty();
		assertThat(reports("enforce", "script-src-elem", "default")).isEqualTo(enforced + 1);
		assertThat(recorder.heard).anySatisfy((report) -> {
			assertThat(report.blockedUri()).isEqualTo("https://cdn.one.example/a.js");
			assertThat(report.policyId()).isEqualTo("default");
			assertThat(report.lineNumber()).isEqualTo(7);
			assertThat(report.userAgent()).isNotBlank();
		});
		assertThat(recorder.events)
			.anySatisfy((report) -> assertThat(report.blockedUri()).isEqualTo("https://cdn.one.example/a.js"));
		int heard = recorder.heard.size();
		assertThat(post(app, "localhost", "/csp-reports?policy=default", CSP,
				reportUri("script-src-elem", "https://cdn.one.example/a.js", "enforce"))
			.statusCode()).isEqualTo(204);
		assertThat(reports("enforce", "script-src-elem", "default")).as("a duplicate is counted")
			.isEqualTo(enforced + 2);
		assertThat(recorder.heard).as("but not passed on again").hasSize(heard);

		double reported = reports("report", "script-src-elem", "embed");
		HttpResponse<String> batch = post(app, "localhost", "/csp-reports?policy=embed", REPORTS,
				reportsJson("script-src-elem", "inline", "report"));
		assertThat(batch.statusCode()).isEqualTo(204);
		assertThat(reports("report", "script-src-elem", "embed")).isEqualTo(reported + 1);
		assertThat(recorder.heard).anySatisfy((report) -> {
			assertThat(report.policyId()).isEqualTo("embed");
			assertThat(report.disposition()).isEqualTo("report");
			assertThat(report.documentUri()).isEqualTo("https://localhost/public/page");
		});
	}

	@Test
	void refusalsAreNeverA5xxAndNeverReachTheApplication() {
		String body = reportUri("img-src", "https://img.example/x.png", "enforce");
		List<HttpResponse<String>> answers = new ArrayList<>();
		HttpResponse<String> get = app.https().get("localhost", "/csp-reports?policy=default");
		assertThat(get.statusCode()).isEqualTo(405);
		assertThat(get.headers().firstValue("Allow")).hasValue("POST");
		answers.add(get);
		double mediaType = rejected(app, "media-type");
		HttpResponse<String> json = post(app, "localhost", "/csp-reports?policy=default", "application/json", body);
		assertThat(json.statusCode()).isEqualTo(415);
		assertThat(rejected(app, "media-type")).isEqualTo(mediaType + 1);
		answers.add(json);
		HttpResponse<String> declared = post(app, "localhost", "/csp-reports?policy=default", CSP,
				"{\"csp-report\":{\"a\":\"" + "x".repeat(5000) + "\"}}");
		assertThat(declared.statusCode()).isEqualTo(413);
		answers.add(declared);
		byte[] big = ("{\"csp-report\":{\"a\":\"" + "x".repeat(5000) + "\"}}").getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> chunked = app.https()
			.send("POST", "localhost", "/csp-reports?policy=default",
					HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)), "Content-Type", CSP);
		assertThat(chunked.statusCode()).as("a chunked body over the limit").isEqualTo(413);
		answers.add(chunked);
		HttpResponse<String> malformed = post(app, "localhost", "/csp-reports?policy=default", CSP,
				"{\"csp-report\":{\"effective-directive\":\"img-src\",\"effective-directive\":\"x\"}}");
		assertThat(malformed.statusCode()).isEqualTo(400);
		answers.add(malformed);
		HttpResponse<String> unknown = post(app, "localhost", "/csp-reports?policy=nope", CSP, body);
		assertThat(unknown.statusCode()).isEqualTo(400);
		answers.add(unknown);
		for (HttpResponse<String> answer : answers) {
			assertThat(answer.body()).isEmpty();
			assertThat(answer.headers().firstValue("X-App-Filter")).isEmpty();
		}
	}

	@Test
	void anUntrustedHostIsRefusedByTheTrustedHostCheck() {
		double counted = reports("enforce", "font-src", "default");
		HttpResponse<String> refused = post(app, "evil.example", "/csp-reports?policy=default", CSP,
				reportUri("font-src", "https://fonts.example/f.woff", "enforce"));
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("not-allowed");
		assertThat(reports("enforce", "font-src", "default")).isEqualTo(counted);
	}

	@Test
	@Order(1) // before the flood uses up the strict application's limit
	void anExemptCollectorAnswersAnyHost() {
		int heard = recorder(strict).heard.size();
		HttpResponse<String> accepted = post(strict, "reports.elsewhere.example", "/csp-reports?policy=default", CSP,
				reportUri("style-src-elem", "https://css.example/a.css", "report"));
		assertThat(accepted.statusCode()).isEqualTo(204);
		assertThat(recorder(strict).heard).hasSize(heard + 1);
		assertThat(strict.https().get("reports.elsewhere.example", "/ok").statusCode()).as("other paths keep the check")
			.isEqualTo(400);
	}

	@Test
	@Order(2)
	void aFloodFromOneClientGets429WithRetryAfter() {
		List<Integer> statuses = new ArrayList<>();
		HttpResponse<String> limited = null;
		for (int i = 0; i < 8; i++) {
			HttpResponse<String> answer = post(strict, "localhost", "/csp-reports?policy=default", CSP,
					reportUri("connect-src", "https://api" + i + ".example/", "report"));
			statuses.add(answer.statusCode());
			if (answer.statusCode() == 429) {
				limited = answer;
			}
		}
		assertThat(statuses).containsOnly(204, 429).contains(429);
		assertThat(limited.headers().firstValue("Retry-After"))
			.hasValueSatisfying((seconds) -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
		assertThat(rejected(strict, "rate-limit-client") + rejected(strict, "rate-limit-overall")).isPositive();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theEndpointShowsTheReportsPerPolicyAndWhatWouldBreak() {
		assertThat(post(app, "localhost", "/csp-reports?policy=default", CSP,
				reportUri("script-src-elem", "https://tracker.example/t.js", "report"))
			.statusCode()).isEqualTo(204);
		HttpResponse<String> response = app.https().get("localhost", "/actuator/securityheaders");
		assertThat(response.statusCode()).isEqualTo(200);
		Map<String, Object> json = JsonParserFactory.getJsonParser().parseMap(response.body());
		Map<String, Object> reports = (Map<String, Object>) json.get("cspReports");
		assertThat(reports).containsKeys("default", "embed", "path.0");
		Map<String, Object> defaults = (Map<String, Object>) reports.get("default");
		assertThat(((Number) defaults.get("lastHour")).longValue()).isPositive();
		assertThat(((Number) defaults.get("lastDay")).longValue()).isPositive();
		Map<String, Object> reportOnly = (Map<String, Object>) defaults.get("reportOnly");
		assertThat((Map<String, Object>) reportOnly.get("topDirectives")).containsKey("script-src-elem");
		assertThat((Map<String, Object>) reportOnly.get("topBlockedOrigins")).containsKey("https://tracker.example")
			.doesNotContainKey("https://tracker.example/t.js");
		List<Map<String, Object>> findings = (List<Map<String, Object>>) json.get("findings");
		assertThat(findings).anySatisfy((finding) -> {
			assertThat(finding.get("code")).isEqualTo("csp.report-only.blocking");
			assertThat((String) finding.get("message")).contains("'default'", "script-src-elem",
					"https://tracker.example");
			assertThat(finding.get("property"))
				.isEqualTo("security.headers.content-security-policy.reporting.quiet-period");
		});
	}

}
