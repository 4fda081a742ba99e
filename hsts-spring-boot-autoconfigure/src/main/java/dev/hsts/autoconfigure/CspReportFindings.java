package dev.hsts.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CspReportStatistics;
import dev.hsts.core.CspReportingDirectives;
import dev.hsts.core.Finding;
import dev.hsts.core.HeaderPolicies;
import dev.hsts.core.HeaderPolicy;
import dev.hsts.core.PolicyUsage;

/**
 * The findings of CSP reporting, naming full properties: {@code csp.report-only.ready}
 * and {@code csp.report-only.blocking} per report-only policy (from what the collector
 * counted), {@code csp.reporting.own-report-uri} for a policy whose own report-uri or
 * report-to the starter leaves as it is, and {@code csp.reporting.no-policy} when no
 * policy is there to report on. Computed on demand, never per request.
 */
final class CspReportFindings implements Supplier<List<Finding>> {

	private static final String REPORTING = "content-security-policy.reporting.";

	private final CspReportStatistics statistics;

	private final Duration quietPeriod;

	private final long minResponses;

	private final Supplier<PolicyUsage> usage;

	CspReportFindings(CspReportStatistics statistics, Duration quietPeriod, long minResponses,
			Supplier<PolicyUsage> usage) {
		this.statistics = statistics;
		this.quietPeriod = quietPeriod;
		this.minResponses = minResponses;
		this.usage = usage;
	}

	@Override
	public List<Finding> get() {
		List<Finding> findings = new ArrayList<>();
		PolicyUsage usage = this.usage.get();
		if (usage == null) {
			return findings;
		}
		HeaderPolicies policies = usage.policies();
		List<HeaderPolicy> all = new ArrayList<>();
		all.add(policies.defaults());
		for (String name : policies.names()) {
			all.add(policies.named(name));
		}
		for (HeaderPolicies.PathBinding binding : policies.pathBindings()) {
			if (!all.contains(binding.policy())) {
				all.add(binding.policy());
			}
		}
		Set<String> reportOnlyIds = new TreeSet<>();
		boolean anyPolicy = false;
		for (HeaderPolicy policy : all) {
			String id = CspReportingDirectives.policyId(policy.name());
			ContentSecurityPolicy enforced = policy.contentSecurityPolicy();
			ContentSecurityPolicy reportOnly = policy.reportOnlyContentSecurityPolicy();
			anyPolicy |= enforced != null || reportOnly != null;
			if (reportOnly != null && !reportOnly.hasReportDirective()) {
				reportOnlyIds.add(id);
			}
			ownReportDirective(findings, policy, enforced, "policy");
			ownReportDirective(findings, policy, reportOnly, "report-only-policy");
		}
		if (!anyPolicy) {
			findings.add(new Finding(Finding.Severity.WARNING, "csp.reporting.no-policy",
					"CSP reporting is on, but no Content-Security-Policy is configured, so browsers have nothing to "
							+ "report. Set " + PropertyNames.of("content-security-policy.report-only-policy")
							+ " (or a policy), or switch reporting off.",
					PropertyNames.of(REPORTING + "enabled")));
		}
		for (Finding finding : this.statistics.findings(reportOnlyIds, this.quietPeriod, this.minResponses,
				PropertyNames.of(REPORTING + "quiet-period"))) {
			findings.add(finding);
		}
		return findings;
	}

	private static void ownReportDirective(List<Finding> findings, HeaderPolicy policy, ContentSecurityPolicy csp,
			String key) {
		if (csp == null || !csp.hasReportDirective()) {
			return;
		}
		String name = policy.name();
		String property = name.equals(HeaderPolicy.DEFAULT_NAME) ? "content-security-policy." + key
				: name.startsWith("content-security-policy.") ? name + "." + key
						: "policies." + name + ".content-security-policy." + key;
		findings.add(new Finding(Finding.Severity.WARNING, "csp.reporting.own-report-uri",
				"The policy '" + CspReportingDirectives.policyId(name)
						+ "' names its own report-uri or report-to, so the starter leaves it as it is: its reports go "
						+ "there, not to the starter's collector, and are not counted. Remove them from the policy to "
						+ "collect its reports here.",
				PropertyNames.of(property)));
	}

}
