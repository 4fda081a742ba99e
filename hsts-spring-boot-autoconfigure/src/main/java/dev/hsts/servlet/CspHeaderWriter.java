package dev.hsts.servlet;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ContentSecurityPolicies;
import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CspPathPolicy;
import dev.hsts.core.CspReportCollector;
import dev.hsts.core.HeaderDescription;

/**
 * Writes {@code Content-Security-Policy} and {@code Content-Security-Policy-Report-Only},
 * each where the response has none. Both may be sent at once: the first is enforced, the
 * second only reported, so a stricter policy can be tried while the current one is
 * enforced.
 *
 * <p>
 * The first {@link CspPathPolicy} whose patterns match the request's path replaces both
 * policies (a policy it leaves unset is not sent on those paths); other requests get the
 * default pair.
 *
 * <p>
 * Every request whose policy contains {@code 'nonce-{nonce}'} (the enforced or the
 * reported-only one chosen for its path) gets a fresh random nonce (128 bits from
 * {@code java.security.SecureRandom}, base64url), stored as the request attribute
 * {@value #NONCE_ATTRIBUTE} for templates ({@code <script th:attr="nonce=${cspNonce}">}
 * in Thymeleaf) and substituted into the policy; every dispatch of the request (error
 * pages, forwards) sees the same one. A request whose policy has no nonce gets none,
 * since a nonce its policy does not name would allow nothing. All policies are validated
 * and split around the placeholder at startup; a request costs a concatenation.
 */
public final class CspHeaderWriter implements DescribedHeaderWriter {

	/** The enforced policy's header. */
	public static final String HEADER_NAME = ContentSecurityPolicies.HEADER_NAME;

	/** The reported-only policy's header. */
	public static final String REPORT_ONLY_HEADER_NAME = ContentSecurityPolicies.REPORT_ONLY_HEADER_NAME;

	/** The request attribute that holds the request's nonce, for templates. */
	public static final String NONCE_ATTRIBUTE = "cspNonce";

	private final ContentSecurityPolicies policies;

	/**
	 * @param policy the enforced policy, or {@code null}
	 * @param reportOnlyPolicy the reported-only policy, or {@code null}
	 * @param pathPolicies path-specific pairs, first match wins
	 */
	public CspHeaderWriter(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy,
			List<CspPathPolicy> pathPolicies) {
		this(new ContentSecurityPolicies(policy, reportOnlyPolicy, pathPolicies));
	}

	/**
	 * @param policies the policies
	 */
	public CspHeaderWriter(ContentSecurityPolicies policies) {
		this.policies = policies;
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		boolean enforcedAbsent = !response.containsHeader(HEADER_NAME);
		boolean reportOnlyAbsent = !response.containsHeader(REPORT_ONLY_HEADER_NAME);
		if (!enforcedAbsent && !reportOnlyAbsent) {
			return;
		}
		ContentSecurityPolicies.Pair pair = this.policies
			.forPath(this.policies.dependsOnPath() ? RequestPaths.pathWithinApplication(request) : null);
		ContentSecurityPolicy enforced = enforcedAbsent ? pair.policy() : null;
		ContentSecurityPolicy reportOnly = reportOnlyAbsent ? pair.reportOnlyPolicy() : null;
		// A nonce only where a policy about to be written uses one: SecureRandom is not
		// free, and its default implementation serialises every caller on one lock.
		String nonce = ContentSecurityPolicies.usesNonce(enforced, reportOnly) ? nonce(request) : null;
		if (enforced != null) {
			response.setHeader(HEADER_NAME, this.policies.render(pair, enforced, nonce));
		}
		if (reportOnly != null) {
			response.setHeader(REPORT_ONLY_HEADER_NAME, this.policies.render(pair, reportOnly, nonce));
		}
		String endpoints = this.policies.reportingEndpoints(pair, enforced, reportOnly);
		if (endpoints != null) {
			response.setHeader(CspReportCollector.REPORTING_ENDPOINTS, this.policies.reporting()
				.merge(response.getHeader(CspReportCollector.REPORTING_ENDPOINTS), endpoints));
		}
	}

	@Override
	public List<HeaderDescription> describe() {
		return this.policies.describe();
	}

	/**
	 * The request's nonce, made on first use; the same for every dispatch of the request.
	 */
	static String nonce(HttpServletRequest request) {
		Object existing = request.getAttribute(NONCE_ATTRIBUTE);
		if (existing instanceof String nonce) {
			return nonce;
		}
		String nonce = ContentSecurityPolicies.newNonce();
		request.setAttribute(NONCE_ATTRIBUTE, nonce);
		return nonce;
	}

	/**
	 * Whether any of the policies uses a nonce, so that requests on its paths get one.
	 */
	public boolean usesNonce() {
		return this.policies.usesNonce();
	}

	/** The policies this writer writes. */
	public ContentSecurityPolicies getPolicies() {
		return this.policies;
	}

	/** The enforced policy on other paths, or {@code null}. */
	public ContentSecurityPolicy getPolicy() {
		return this.policies.policy();
	}

	/** The reported-only policy on other paths, or {@code null}. */
	public ContentSecurityPolicy getReportOnlyPolicy() {
		return this.policies.reportOnlyPolicy();
	}

	/** The path-specific policies, first match wins. */
	public List<CspPathPolicy> getPathPolicies() {
		return this.policies.pathPolicies();
	}

}
