package dev.hsts.autoconfigure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.hsts.core.CspReportStatistics;
import dev.hsts.core.Finding;
import dev.hsts.core.PolicyUsage;
import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The findings of CSP reporting about the configuration: a policy with its own report
 * directive (named by its property), no policy at all, and a report-only policy ready to
 * enforce once it was quiet long enough over enough responses.
 */
class CspReportFindingsTest {

	final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T09:00:00Z"));

	final CspReportStatistics statistics = new CspReportStatistics(this.clock);

	List<Finding> findings(SecurityHeadersProperties properties) {
		PolicyUsage usage = new PolicyUsage(SecurityHeaderValues.headerPolicies(properties, List.of()));
		Supplier<PolicyUsage> supplier = () -> usage;
		return new CspReportFindings(this.statistics, Duration.ofDays(7), 2, supplier).get();
	}

	@Test
	void aPolicyWithItsOwnReportUriIsNamedByItsProperty() {
		SecurityHeadersProperties properties = new SecurityHeadersProperties();
		properties.getContentSecurityPolicy().setPolicy("default-src 'self'; report-uri https://reports.example/");
		SecurityHeadersProperties.PathPolicy docs = new SecurityHeadersProperties.PathPolicy();
		docs.setPaths(List.of("/docs/**"));
		docs.setReportOnlyPolicy("default-src 'self'; report-to elsewhere");
		properties.getContentSecurityPolicy().setPathPolicies(List.of(docs));
		assertThat(findings(properties)).extracting(Finding::code, Finding::property)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("csp.reporting.own-report-uri",
							"security.headers.content-security-policy.policy"),
					org.assertj.core.groups.Tuple.tuple("csp.reporting.own-report-uri",
							"security.headers.content-security-policy.path-policies[0].report-only-policy"));
	}

	@Test
	void noPolicyToReportOn() {
		assertThat(findings(new SecurityHeadersProperties())).extracting(Finding::code)
			.containsExactly("csp.reporting.no-policy");
	}

	@Test
	void aQuietReportOnlyPolicyIsReady() {
		SecurityHeadersProperties properties = new SecurityHeadersProperties();
		properties.getContentSecurityPolicy().setReportOnlyPolicy("script-src 'self'");
		this.statistics.traffic("default").response();
		this.statistics.traffic("default").response();
		assertThat(findings(properties)).isEmpty();
		this.clock.advance(Duration.ofDays(7));
		assertThat(findings(properties)).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo("csp.report-only.ready");
			assertThat(finding.property()).isEqualTo("security.headers.content-security-policy.reporting.quiet-period");
		});
	}

}
