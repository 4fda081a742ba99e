package dev.hsts.core;

import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * With CSP reporting on: what every Content-Security-Policy the starter writes gets, on
 * both web stacks. A policy gets {@code ; report-uri <path>?policy=<id>; report-to
 * csp-<id>} appended, and the response {@code Reporting-Endpoints:
 * csp-<id>="<path>?policy=<id>"}, so that each report names its policy; a policy that
 * already has {@code report-uri} or {@code report-to} (chosen by the user) is left as it
 * is. The policy id is {@code default} for the top-level policies, the name of a named
 * policy, and {@code path.<i>} for the CSP path policy
 * {@code content-security-policy.path-policies[i]}. The writers count each response that
 * carries a report-only policy ({@link #reportOnlySent}) for the
 * {@code csp.report-only.ready} finding.
 *
 * <p>
 * Internal: public for the wiring and the web stack adapters.
 */
public final class CspReportingDirectives {

	private static final String PATH_POLICY_PREFIX = "content-security-policy.path-policies[";

	private final String reportPath;

	private final CspReportStatistics statistics;

	private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();

	private final Set<String> configuredIds;

	/**
	 * @param reportPath the collector's path as browsers must request it (with the
	 * context path), e.g. {@code /csp-reports}
	 * @param statistics where responses with a report-only policy are counted
	 * @param configuredIds the ids of the policies configured at startup
	 */
	public CspReportingDirectives(String reportPath, CspReportStatistics statistics, Set<String> configuredIds) {
		this.reportPath = reportPath;
		this.statistics = statistics;
		this.configuredIds = Set.copyOf(configuredIds);
	}

	/**
	 * Whether reports may name a policy id: one configured at startup, or one the starter
	 * has written into a policy since (a policy added by a refresh).
	 * @param policyId an id from a report's URL
	 * @return whether it is one of the starter's
	 */
	public boolean knows(String policyId) {
		return this.configuredIds.contains(policyId) || this.endpoints.containsKey(policyId);
	}

	/**
	 * The ids reports may name now.
	 * @return the ids, sorted
	 */
	public Set<String> policyIds() {
		Set<String> ids = new TreeSet<>(this.configuredIds);
		ids.addAll(this.endpoints.keySet());
		return ids;
	}

	/**
	 * The policy id of a policy name.
	 * @param policyName {@value HeaderPolicy#DEFAULT_NAME}, a named policy's name, or
	 * {@code content-security-policy.path-policies[i]}
	 * @return {@code default}, the name, or {@code path.<i>}
	 */
	public static String policyId(String policyName) {
		if (policyName.startsWith(PATH_POLICY_PREFIX) && policyName.endsWith("]")) {
			return "path." + policyName.substring(PATH_POLICY_PREFIX.length(), policyName.length() - 1);
		}
		return policyName;
	}

	/**
	 * The policy id of a CSP path policy.
	 * @param index its index in {@code content-security-policy.path-policies}
	 * @return {@code path.<index>}
	 */
	public static String pathPolicyId(int index) {
		return "path." + index;
	}

	/** The collector's path as browsers request it. */
	public String reportPath() {
		return this.reportPath;
	}

	/**
	 * A policy's value for one request, with the reporting directives when it has none of
	 * its own.
	 * @param policy the policy
	 * @param policyId its id
	 * @param nonce the request's nonce, or {@code null}
	 * @return the value to write
	 */
	public String render(ContentSecurityPolicy policy, String policyId, String nonce) {
		String value = policy.render(nonce);
		if (policy.hasReportDirective()) {
			return value;
		}
		return value.concat(endpoint(policyId).directives);
	}

	/**
	 * Counts a response that carries the report-only policy of a policy id, for the
	 * {@code csp.report-only.ready} finding; a writer calls it once per response.
	 * @param policyId the policy id
	 */
	public void reportOnlySent(String policyId) {
		endpoint(policyId).traffic.response();
	}

	/**
	 * The {@code Reporting-Endpoints} value for a response that gets these policies.
	 * @param policyId the policies' id
	 * @param enforced the enforced policy written, or {@code null}
	 * @param reportOnly the report-only policy written, or {@code null}
	 * @return the value, or {@code null} when neither got the reporting directives
	 */
	public String reportingEndpoints(String policyId, ContentSecurityPolicy enforced,
			ContentSecurityPolicy reportOnly) {
		if ((enforced == null || enforced.hasReportDirective())
				&& (reportOnly == null || reportOnly.hasReportDirective())) {
			return null;
		}
		return endpoint(policyId).header;
	}

	/**
	 * Whether a {@code Reporting-Endpoints} value on a response is one this class made
	 * (so that a later, final policy may replace it).
	 * @param value a header value
	 * @return whether the starter wrote it
	 */
	public boolean isOwn(String value) {
		return value != null && value.startsWith("csp-") && value.endsWith("\"")
				&& value.contains("=\"" + this.reportPath + "?" + CspReportCollector.POLICY_PARAMETER + "=");
	}

	/**
	 * The {@code Reporting-Endpoints} value to set on a response: ours where it has none
	 * or one the starter wrote (a later, final policy replaces it), else the
	 * application's with ours appended (a dictionary's members are comma-separated).
	 * @param existing the response's value, or {@code null}
	 * @param ours the value for the response's policies
	 * @return the value to set
	 */
	public String merge(String existing, String ours) {
		if (existing == null || existing.isEmpty() || isOwn(existing)) {
			return ours;
		}
		if (existing.contains(ours)) {
			return existing;
		}
		return existing + ", " + ours;
	}

	private Endpoint endpoint(String policyId) {
		Endpoint endpoint = this.endpoints.get(policyId);
		if (endpoint == null) {
			Endpoint fresh = new Endpoint(this.reportPath, policyId, this.statistics.traffic(policyId));
			Endpoint raced = this.endpoints.putIfAbsent(policyId, fresh);
			endpoint = (raced != null) ? raced : fresh;
		}
		return endpoint;
	}

	private static final class Endpoint {

		private final String directives;

		private final String header;

		private final CspReportStatistics.Traffic traffic;

		Endpoint(String reportPath, String policyId, CspReportStatistics.Traffic traffic) {
			String url = CspReportCollector.reportUrl(reportPath, policyId);
			String name = CspReportCollector.endpointName(policyId);
			this.directives = "; report-uri " + url + "; report-to " + name;
			this.header = name + "=\"" + url + "\"";
			this.traffic = traffic;
		}

	}

}
