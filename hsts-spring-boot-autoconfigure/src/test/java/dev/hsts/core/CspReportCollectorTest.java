package dev.hsts.core;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector without a web stack: the status codes and headers of each refusal, the
 * rate limits and their windows, sampling, de-duplication, the statistics windows, the
 * listeners (whose failures stay contained) and the report-only findings.
 */
@ExtendWith(OutputCaptureExtension.class)
class CspReportCollectorTest {

	static final String CSP = "application/csp-report";

	static final String REPORTS = "application/reports+json";

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:10Z"));

	final List<CspViolationReport> heard = new ArrayList<>();

	final List<String> counted = new ArrayList<>();

	final List<String> rejected = new ArrayList<>();

	final CspReportStatistics statistics = new CspReportStatistics(this.clock);

	CspReportCollector collector(int perClient, int overall, double sampleRate, Duration dedup) {
		return collector(perClient, overall, sampleRate, dedup, CspReportCollector.LogLevel.OFF);
	}

	CspReportCollector collector(int perClient, int overall, double sampleRate, Duration dedup,
			CspReportCollector.LogLevel logLevel) {
		CspReportCollector.Settings settings = new CspReportCollector.Settings("/csp-reports", 4096, sampleRate,
				perClient, overall, dedup, logLevel);
		CspReportCollector.Counters counters = new CspReportCollector.Counters() {
			@Override
			public void accepted(CspViolationReport report, String directiveTag) {
				CspReportCollectorTest.this.counted
					.add(report.policyId() + "/" + report.disposition() + "/" + directiveTag);
			}

			@Override
			public void rejected(String reason) {
				CspReportCollectorTest.this.rejected.add(reason);
			}
		};
		CspReportListener failing = (report) -> {
			throw new IllegalStateException("listener failure");
		};
		return new CspReportCollector(settings, this.clock, this.statistics, counters,
				List.of(failing, this.heard::add), Set.of("default", "embed"));
	}

	CspReportCollector collector() {
		return collector(100, 1000, 1.0, Duration.ofMinutes(1));
	}

	static String report(String directive, String blocked, String disposition) {
		return "{\"csp-report\":{\"effective-directive\":\"" + directive + "\",\"blocked-uri\":\"" + blocked
				+ "\",\"document-uri\":\"https://app.example/page\",\"disposition\":\"" + disposition + "\"}}";
	}

	static CspReportCollector.Answer send(CspReportCollector collector, String client, String policy, String body) {
		CspReportCollector.Answer answer = collector.check("POST", CSP, body.length(), client);
		if (answer != null) {
			return answer;
		}
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		return collector.receive(CSP, bytes, bytes.length, policy, "UA");
	}

	@Test
	void refusalsBeforeTheBodyIsRead() {
		CspReportCollector collector = collector();
		CspReportCollector.Answer get = collector.check("GET", CSP, -1, "10.0.0.1");
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.headers()).containsEntry("Allow", "POST");
		CspReportCollector.Answer json = collector.check("POST", "application/json", 10, "10.0.0.1");
		assertThat(json.status()).isEqualTo(415);
		assertThat(json.headers()).containsKey("Accept-Post");
		assertThat(collector.check("POST", null, 10, "10.0.0.1").status()).isEqualTo(415);
		assertThat(collector.check("POST", CSP, 4097, "10.0.0.1").status()).isEqualTo(413);
		assertThat(collector.check("POST", REPORTS, 4096, "10.0.0.1")).isNull();
		assertThat(collector.check("POST", CSP, -1, "10.0.0.1")).isNull();
		assertThat(collector.tooLarge().status()).isEqualTo(413);
		assertThat(this.rejected).containsExactly("method", "media-type", "media-type", "too-large", "too-large");
	}

	@Test
	void acceptsReportsCountsAndTellsListenersDespiteAFailingOne() {
		CspReportCollector collector = collector();
		CspReportCollector.Answer answer = send(collector, "10.0.0.1", "default",
				report("script-src-elem", "https://cdn.example/a.js", "enforce"));
		assertThat(answer.status()).isEqualTo(204);
		assertThat(this.counted).containsExactly("default/enforce/script-src-elem");
		assertThat(this.heard).singleElement().satisfies((report) -> {
			assertThat(report.policyId()).isEqualTo("default");
			assertThat(report.userAgent()).isEqualTo("UA");
			assertThat(report.receivedAt()).isEqualTo(this.clock.instant());
		});
	}

	@Test
	void malformedBodiesAndUnknownPoliciesAre400() {
		CspReportCollector collector = collector();
		assertThat(send(collector, "10.0.0.1", "default", "{\"csp-report\":").status()).isEqualTo(400);
		assertThat(send(collector, "10.0.0.1", "nope", report("img-src", "data", "enforce")).status()).isEqualTo(400);
		assertThat(send(collector, "10.0.0.1", null, report("img-src", "data", "enforce")).status()).isEqualTo(400);
		assertThat(this.rejected).containsExactly("malformed", "unknown-policy", "unknown-policy");
		assertThat(this.counted).isEmpty();
	}

	@Test
	void perClientAndOverallLimitsWithRetryAfterUntilTheMinuteEnds() {
		CspReportCollector collector = collector(2, 3, 1.0, Duration.ZERO);
		assertThat(collector.check("POST", CSP, 10, "10.0.0.1")).isNull();
		assertThat(collector.check("POST", CSP, 10, "10.0.0.1")).isNull();
		CspReportCollector.Answer limited = collector.check("POST", CSP, 10, "10.0.0.1");
		assertThat(limited.status()).isEqualTo(429);
		assertThat(limited.reason()).isEqualTo("rate-limit-client");
		assertThat(limited.headers()).containsEntry("Retry-After", "50");
		assertThat(collector.check("POST", CSP, 10, "10.0.0.2")).isNull();
		CspReportCollector.Answer overall = collector.check("POST", CSP, 10, "10.0.0.3");
		assertThat(overall.status()).isEqualTo(429);
		assertThat(overall.reason()).isEqualTo("rate-limit-overall");
		this.clock.advance(Duration.ofSeconds(50));
		assertThat(collector.check("POST", CSP, 10, "10.0.0.1")).isNull();
	}

	@Test
	void theClientTableIsBounded() {
		CspReportRateLimiter limiter = new CspReportRateLimiter(1, Integer.MAX_VALUE);
		for (int i = 0; i < CspReportRateLimiter.MAX_CLIENTS + 5000; i++) {
			assertThat(limiter.tryAcquire("client-" + i, 0)).isEqualTo(CspReportRateLimiter.ALLOWED);
		}
		// A known client is still limited; the table did not grow past its bound.
		assertThat(limiter.tryAcquire("client-0", 1)).isNegative();
	}

	@Test
	void duplicatesAreCountedButNotPassedOnWithinTheWindow() {
		CspReportCollector collector = collector();
		String body = report("img-src", "https://img.example/a.png", "report");
		for (int i = 0; i < 3; i++) {
			assertThat(send(collector, "10.0.0.1", "default", body).status()).isEqualTo(204);
		}
		assertThat(this.counted).hasSize(3);
		assertThat(this.heard).hasSize(1);
		send(collector, "10.0.0.1", "embed", body);
		assertThat(this.heard).as("another policy is another violation").hasSize(2);
		this.clock.advance(Duration.ofMinutes(1));
		send(collector, "10.0.0.1", "default", body);
		assertThat(this.heard).as("after the window").hasSize(3);
	}

	@Test
	void theDeduplicationTableIsBounded() {
		CspReportDeduplicator deduplicator = new CspReportDeduplicator(60_000);
		for (int i = 0; i < CspReportDeduplicator.MAX_ENTRIES * 2; i++) {
			deduplicator.isDuplicate(new CspViolationReport("default", "enforce", "img-src",
					"https://x.example/" + i + "/" + "y".repeat(3000), "https://app.example/", null, 0, null, null,
					Instant.EPOCH), 0);
		}
		assertThat(deduplicator.size()).isEqualTo(CspReportDeduplicator.MAX_ENTRIES);
	}

	@Test
	void samplingAcceptsButDropsAll() {
		CspReportCollector collector = collector(100, 1000, 0.0, Duration.ZERO);
		assertThat(send(collector, "10.0.0.1", "default", report("img-src", "data", "enforce")).status())
			.isEqualTo(204);
		assertThat(this.counted).isEmpty();
		assertThat(this.rejected).containsExactly("sampled-out");
	}

	@Test
	void statisticsWindowsAndTopLists() {
		CspReportCollector collector = collector(1000, 10000, 1.0, Duration.ZERO);
		send(collector, "10.0.0.1", "default", report("script-src-elem", "https://a.example/1.js", "enforce"));
		send(collector, "10.0.0.1", "default", report("script-src-elem", "https://a.example/2.js", "enforce"));
		send(collector, "10.0.0.1", "default", report("img-src", "https://b.example/x.png", "enforce"));
		this.clock.advance(Duration.ofMinutes(61));
		send(collector, "10.0.0.1", "default", report("img-src", "https://b.example/y.png", "report"));
		Map<String, CspReportStatistics.PolicyReports> snapshot = this.statistics.snapshot();
		CspReportStatistics.Counts enforce = snapshot.get("default").enforce();
		assertThat(enforce.lastHour()).isZero();
		assertThat(enforce.lastDay()).isEqualTo(3);
		assertThat(enforce.topDirectives()).containsExactly(Map.entry("script-src-elem", 2L), Map.entry("img-src", 1L));
		assertThat(enforce.topBlockedOrigins()).containsExactly(Map.entry("https://a.example", 2L),
				Map.entry("https://b.example", 1L));
		assertThat(snapshot.get("default").report().lastHour()).isEqualTo(1);
		assertThat(snapshot.get("default").total().lastDay()).isEqualTo(4);
		this.clock.advance(Duration.ofDays(1));
		assertThat(this.statistics.snapshot().get("default").total().lastDay()).isZero();
		assertThat(this.statistics.snapshot().get("default").total().total()).isEqualTo(4);
	}

	@Test
	void blockedOriginsAreBoundedPerPolicy() {
		CspReportCollector collector = collector(100_000, 100_000, 1.0, Duration.ZERO);
		for (int i = 0; i < CspReportStatistics.MAX_ORIGINS + 50; i++) {
			send(collector, "10.0.0.1", "default", report("img-src", "https://h" + i + ".example/x", "enforce"));
		}
		CspReportStatistics.Counts counts = this.statistics.snapshot().get("default").enforce();
		assertThat(counts.topBlockedOrigins()).hasSize(CspReportStatistics.TOP).containsEntry("other", 50L);
	}

	@Test
	void findingsReadyAfterAQuietPeriodWithEnoughTrafficBlockingAfterAViolation() {
		CspReportCollector collector = collector();
		CspReportStatistics.Traffic traffic = this.statistics.traffic("default");
		for (int i = 0; i < 10; i++) {
			traffic.response();
		}
		String property = "security.headers.content-security-policy.reporting.quiet-period";
		assertThat(this.statistics.findings(Set.of("default"), Duration.ofDays(7), 10, property)).isEmpty();
		this.clock.advance(Duration.ofDays(7));
		assertThat(this.statistics.findings(Set.of("default"), Duration.ofDays(7), 11, property))
			.as("not enough responses")
			.isEmpty();
		assertThat(this.statistics.findings(Set.of("default"), Duration.ofDays(7), 10, property)).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.code()).isEqualTo("csp.report-only.ready");
				assertThat(finding.message()).contains("'default'", "10 responses");
			});
		send(collector, "10.0.0.1", "default", report("script-src-elem", "https://cdn.example/a.js", "report"));
		assertThat(this.statistics.findings(Set.of("default"), Duration.ofDays(7), 10, property)).singleElement()
			.satisfies((finding) -> {
				assertThat(finding.code()).isEqualTo("csp.report-only.blocking");
				assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
				assertThat(finding.message()).contains("script-src-elem (1)", "https://cdn.example (1)");
			});
		assertThat(traffic.responses()).as("counting starts again after a violation").isZero();
	}

	@Test
	void oneLogLinePerDistinctViolationPerWindowAtTheConfiguredLevel(CapturedOutput output) {
		// Another test's application may have switched dev.hsts logging off in this JVM.
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(CspReportCollector.class.getName(), LogLevel.TRACE);
		try {
			logOncePerWindow(output);
		}
		finally {
			logging.setLogLevel(CspReportCollector.class.getName(), null);
		}
	}

	private void logOncePerWindow(CapturedOutput output) {
		CspReportCollector collector = collector(100, 1000, 1.0, Duration.ofMinutes(1),
				CspReportCollector.LogLevel.WARN);
		String body = report("frame-src", "https://frames.example/f", "enforce");
		send(collector, "10.0.0.1", "default", body);
		send(collector, "10.0.0.1", "default", body);
		assertThat(output.getAll().split("frame-src blocked https://frames.example/f", -1)).hasSize(2);
		assertThat(output.getAll()).contains("WARN");
		CspReportCollector off = collector(100, 1000, 1.0, Duration.ZERO, CspReportCollector.LogLevel.OFF);
		send(off, "10.0.0.1", "default", report("frame-src", "https://quiet.example/f", "enforce"));
		assertThat(output.getAll()).doesNotContain("https://quiet.example/f");
	}

	@Test
	void theLogLineEscapesWhatTheBrowserSent() {
		CspViolationReport report = new CspViolationReport("default", "report", "script-src", "inline",
				"https://app.example/\r\nFAKE LOG LINE", "https://app.example/a.js", 3, "<script>", null,
				Instant.EPOCH);
		String line = CspReportCollector.describe(report);
		assertThat(line).doesNotContain("\r", "\n", "<script>")
			.contains("policy 'default', report-only", "would block inline", "a.js:3");
	}

	@Test
	void policyParameterReadsTheRawQuery() {
		assertThat(CspReportCollector.policyParameter("policy=default")).isEqualTo("default");
		assertThat(CspReportCollector.policyParameter("a=1&policy=path.0&policy=x")).isEqualTo("path.0");
		assertThat(CspReportCollector.policyParameter("xpolicy=1")).isNull();
		assertThat(CspReportCollector.policyParameter(null)).isNull();
	}

}
