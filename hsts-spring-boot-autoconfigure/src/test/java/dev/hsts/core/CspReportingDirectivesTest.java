package dev.hsts.core;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.hsts.test.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CSP reporting adds to the policies the starter writes: top-level, path and named
 * policies, a policy with its own report directive left alone, and the
 * Reporting-Endpoints value.
 */
class CspReportingDirectivesTest {

	final CspReportStatistics statistics = new CspReportStatistics(new MutableClock(Instant.EPOCH));

	final CspReportingDirectives reporting = new CspReportingDirectives("/app/csp-reports", this.statistics,
			Set.of("default"));

	@Test
	void topLevelAndPathPoliciesGetTheirIds() {
		ContentSecurityPolicy enforced = ContentSecurityPolicy.parse("p", "default-src 'self'");
		ContentSecurityPolicy reportOnly = ContentSecurityPolicy.parse("r", "script-src 'nonce-{nonce}'");
		CspPathPolicy docs = CspPathPolicy.parse(0, List.of("/docs/**"), "default-src *", null);
		ContentSecurityPolicies policies = new ContentSecurityPolicies(enforced, reportOnly, List.of(docs))
			.withReporting(this.reporting);
		ContentSecurityPolicies.Pair defaults = policies.forPath("/page");
		assertThat(policies.render(defaults, enforced, null))
			.isEqualTo("default-src 'self'; report-uri /app/csp-reports?policy=default; report-to csp-default");
		assertThat(policies.render(defaults, reportOnly, "abc"))
			.isEqualTo("script-src 'nonce-abc'; report-uri /app/csp-reports?policy=default; report-to csp-default");
		assertThat(policies.reportingEndpoints(defaults, enforced, reportOnly))
			.isEqualTo("csp-default=\"/app/csp-reports?policy=default\"");
		ContentSecurityPolicies.Pair pair = policies.forPath("/docs/a");
		assertThat(pair.id()).isEqualTo("path.0");
		assertThat(policies.render(pair, pair.policy(), null)).endsWith("?policy=path.0; report-to csp-path.0");
		assertThat(this.reporting.knows("path.0")).isTrue();
		assertThat(this.reporting.knows("other")).isFalse();
		assertThat(this.statistics.traffic("default").responses()).as("one response with the report-only policy")
			.isEqualTo(1);
	}

	@Test
	void namedAndHandlerPoliciesInheritReporting() {
		HeaderPolicy defaults = HeaderPolicy.builder()
			.contentSecurityPolicy(ContentSecurityPolicy.parse("p", "default-src 'self'"), null)
			.reporting(this.reporting)
			.build();
		HeaderPolicies policies = HeaderPolicies.of(defaults, List.of(),
				List.of(new PolicySettings("embed").value(PolicyHeader.FRAME_OPTIONS, "SAMEORIGIN")), List.of());
		HeaderPolicy embed = policies.named("embed");
		assertThat(embed.render(PolicyHeader.CONTENT_SECURITY_POLICY, null))
			.isEqualTo("default-src 'self'; report-uri /app/csp-reports?policy=embed; report-to csp-embed");
		assertThat(embed.reportingEndpoints(true, false)).isEqualTo("csp-embed=\"/app/csp-reports?policy=embed\"");
		assertThat(this.reporting.knows("embed")).isTrue();
	}

	@Test
	void aPolicyWithItsOwnReportDirectiveIsLeftAlone() {
		ContentSecurityPolicy own = ContentSecurityPolicy.parse("p",
				"default-src 'self'; report-uri https://r.example/");
		assertThat(own.hasReportDirective()).isTrue();
		assertThat(this.reporting.render(own, "default", null)).isEqualTo(own.value());
		assertThat(this.reporting.reportingEndpoints("default", own, null)).isNull();
	}

	@Test
	void reportingEndpointsMergeWithTheApplicationsOwn() {
		String ours = "csp-default=\"/app/csp-reports?policy=default\"";
		assertThat(this.reporting.merge(null, ours)).isEqualTo(ours);
		assertThat(this.reporting.merge("csp-embed=\"/app/csp-reports?policy=embed\"", ours)).isEqualTo(ours);
		assertThat(this.reporting.merge("main=\"https://r.example/\"", ours))
			.isEqualTo("main=\"https://r.example/\", " + ours);
	}

}
