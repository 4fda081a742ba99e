package dev.hsts.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.springframework.http.server.PathContainer;

/**
 * The Content-Security-Policy configuration: a default pair (the enforced policy and the
 * one browsers only report on) and path-specific pairs, first match wins. Picks the pair
 * for a request's path and makes the nonces; the web stack adapters only read the path
 * and write the headers.
 */
public final class ContentSecurityPolicies {

	/** The enforced policy's header. */
	public static final String HEADER_NAME = "Content-Security-Policy";

	/** The reported-only policy's header. */
	public static final String REPORT_ONLY_HEADER_NAME = "Content-Security-Policy-Report-Only";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final Pair defaults;

	private final CspPathPolicy[] pathPolicies;

	/** The pair of each path policy, made once. */
	private final Pair[] pathPairs;

	/**
	 * The paths of each path policy, read by {@link #forPath(String)} without going
	 * through the policy (one object fewer to read on every request).
	 */
	private final PathPatterns[] pathPatterns;

	private final boolean usesNonce;

	private final CspReportingDirectives reporting;

	/**
	 * The two policies that apply to a request; either may be {@code null} (not sent).
	 *
	 * @param policy the enforced policy
	 * @param reportOnlyPolicy the reported-only policy
	 * @param id the policies' id in CSP reports: {@code default}, or {@code path.<i>} for
	 * a path policy
	 */
	public record Pair(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy, String id) {

		/**
		 * The default pair.
		 * @param policy the enforced policy
		 * @param reportOnlyPolicy the reported-only policy
		 */
		public Pair(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy) {
			this(policy, reportOnlyPolicy, HeaderPolicy.DEFAULT_NAME);
		}

		/**
		 * Whether either policy uses a nonce.
		 * @return whether a request with this pair needs one
		 */
		public boolean usesNonce() {
			return ContentSecurityPolicies.usesNonce(this.policy, this.reportOnlyPolicy);
		}

	}

	/**
	 * @param policy the enforced policy, or {@code null}
	 * @param reportOnlyPolicy the reported-only policy, or {@code null}
	 * @param pathPolicies path-specific pairs, first match wins
	 */
	public ContentSecurityPolicies(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy,
			List<CspPathPolicy> pathPolicies) {
		this(policy, reportOnlyPolicy, pathPolicies, null);
	}

	/**
	 * @param policy the enforced policy, or {@code null}
	 * @param reportOnlyPolicy the reported-only policy, or {@code null}
	 * @param pathPolicies path-specific pairs, first match wins
	 * @param reporting what CSP reporting adds to each policy, or {@code null} when it is
	 * off
	 */
	public ContentSecurityPolicies(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy,
			List<CspPathPolicy> pathPolicies, CspReportingDirectives reporting) {
		this.reporting = reporting;
		this.defaults = new Pair(policy, reportOnlyPolicy);
		this.pathPolicies = pathPolicies.toArray(new CspPathPolicy[0]);
		this.pathPairs = new Pair[this.pathPolicies.length];
		this.pathPatterns = new PathPatterns[this.pathPolicies.length];
		boolean nonce = this.defaults.usesNonce();
		for (int i = 0; i < this.pathPolicies.length; i++) {
			this.pathPairs[i] = new Pair(this.pathPolicies[i].policy(), this.pathPolicies[i].reportOnlyPolicy(),
					CspReportingDirectives.pathPolicyId(i));
			nonce |= this.pathPairs[i].usesNonce();
			this.pathPatterns[i] = this.pathPolicies[i].paths();
		}
		this.usesNonce = nonce;
	}

	/**
	 * Whether either of two policies about to be written uses a nonce, so that the
	 * request needs one.
	 * @param policy a policy, or {@code null}
	 * @param reportOnlyPolicy another policy, or {@code null}
	 * @return whether either uses a nonce
	 */
	public static boolean usesNonce(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy) {
		return (policy != null && policy.usesNonce()) || (reportOnlyPolicy != null && reportOnlyPolicy.usesNonce());
	}

	/**
	 * These policies with CSP reporting.
	 * @param reporting what reporting adds, or {@code null} for none
	 * @return the policies
	 */
	public ContentSecurityPolicies withReporting(CspReportingDirectives reporting) {
		return new ContentSecurityPolicies(this.defaults.policy(), this.defaults.reportOnlyPolicy(),
				List.of(this.pathPolicies), reporting);
	}

	/**
	 * What CSP reporting adds, or {@code null} when it is off.
	 * @return the reporting directives
	 */
	public CspReportingDirectives reporting() {
		return this.reporting;
	}

	/**
	 * One policy of a pair, rendered for a request (with the reporting directives when
	 * reporting is on).
	 * @param pair the pair
	 * @param policy its enforced or its report-only policy
	 * @param nonce the request's nonce, or {@code null}
	 * @return the value to write
	 */
	public String render(Pair pair, ContentSecurityPolicy policy, String nonce) {
		if (this.reporting == null) {
			return policy.render(nonce);
		}
		return this.reporting.render(policy, pair.id(), nonce);
	}

	/**
	 * The {@code Reporting-Endpoints} value for a response that gets policies of a pair;
	 * called once per response, it counts a response with a report-only policy.
	 * @param pair the pair
	 * @param enforced the enforced policy written, or {@code null}
	 * @param reportOnly the report-only policy written, or {@code null}
	 * @return the value, or {@code null} for none
	 */
	public String reportingEndpoints(Pair pair, ContentSecurityPolicy enforced, ContentSecurityPolicy reportOnly) {
		return reportingEndpoints(pair, enforced, reportOnly, true);
	}

	/**
	 * The {@code Reporting-Endpoints} value for a response that gets policies of a pair,
	 * counting the response only when asked: a writer whose value a named policy may
	 * still replace leaves the count to the code that knows the final policy.
	 * @param pair the pair
	 * @param enforced the enforced policy written, or {@code null}
	 * @param reportOnly the report-only policy written, or {@code null}
	 * @param count whether to count a response with a report-only policy
	 * @return the value, or {@code null} for none
	 */
	public String reportingEndpoints(Pair pair, ContentSecurityPolicy enforced, ContentSecurityPolicy reportOnly,
			boolean count) {
		if (this.reporting == null) {
			return null;
		}
		if (count && reportOnly != null) {
			this.reporting.reportOnlySent(pair.id());
		}
		return this.reporting.reportingEndpoints(pair.id(), enforced, reportOnly);
	}

	/**
	 * Whether the path policies need the request's path at all.
	 * @return {@code false} when every request gets the default pair
	 */
	public boolean dependsOnPath() {
		return this.pathPatterns.length > 0;
	}

	/**
	 * The pair for a request: that of the first path policy whose patterns match the
	 * path, or else the default pair. The path is parsed at most once, and only if a
	 * pattern may match it.
	 * @param encodedPath the path within the application, as sent (percent-encoded), or
	 * {@code null} when {@link #dependsOnPath()} is {@code false}
	 * @return the pair
	 */
	public Pair forPath(String encodedPath) {
		PathContainer path = null;
		for (int i = 0; i < this.pathPatterns.length; i++) {
			PathPatterns paths = this.pathPatterns[i];
			if (!paths.mayMatch(encodedPath)) {
				continue;
			}
			if (path == null) {
				path = PathPatterns.parse(encodedPath);
			}
			if (paths.matches(path)) {
				return this.pathPairs[i];
			}
		}
		return this.defaults;
	}

	/**
	 * A fresh nonce: 128 bits from {@link SecureRandom}, base64url without padding.
	 * @return the nonce
	 */
	public static String newNonce() {
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/**
	 * What is written: the default pair on every path, then each path pair on its paths.
	 * @return the descriptions
	 */
	public List<HeaderDescription> describe() {
		List<HeaderDescription> descriptions = new ArrayList<>();
		if (this.defaults.policy() != null) {
			descriptions
				.add(HeaderDescription.everywhere(HEADER_NAME, described(this.defaults, this.defaults.policy())));
		}
		if (this.defaults.reportOnlyPolicy() != null) {
			descriptions.add(HeaderDescription.everywhere(REPORT_ONLY_HEADER_NAME,
					described(this.defaults, this.defaults.reportOnlyPolicy())));
		}
		for (int i = 0; i < this.pathPolicies.length; i++) {
			List<String> paths = this.pathPolicies[i].paths().patterns();
			Pair pair = this.pathPairs[i];
			descriptions.add(new HeaderDescription(HEADER_NAME, described(pair, pair.policy()), paths, List.of()));
			descriptions.add(new HeaderDescription(REPORT_ONLY_HEADER_NAME, described(pair, pair.reportOnlyPolicy()),
					paths, List.of()));
		}
		return descriptions;
	}

	/**
	 * A policy as described: with its nonce placeholder, and with the reporting
	 * directives when reporting is on.
	 */
	private String described(Pair pair, ContentSecurityPolicy policy) {
		if (policy == null) {
			return null;
		}
		return (this.reporting != null)
				? this.reporting.render(policy, pair.id(), ContentSecurityPolicy.NONCE_PLACEHOLDER) : policy.value();
	}

	/** Whether any of the policies uses a nonce. */
	public boolean usesNonce() {
		return this.usesNonce;
	}

	/** The enforced policy on other paths, or {@code null}. */
	public ContentSecurityPolicy policy() {
		return this.defaults.policy();
	}

	/** The reported-only policy on other paths, or {@code null}. */
	public ContentSecurityPolicy reportOnlyPolicy() {
		return this.defaults.reportOnlyPolicy();
	}

	/** The path-specific policies, first match wins. */
	public List<CspPathPolicy> pathPolicies() {
		return List.of(this.pathPolicies);
	}

}
