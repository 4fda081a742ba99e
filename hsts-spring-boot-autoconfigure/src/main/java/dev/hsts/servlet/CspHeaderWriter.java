package dev.hsts.servlet;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.hsts.core.ContentSecurityPolicy;
import dev.hsts.core.CspPathPolicy;
import dev.hsts.core.HeaderDescription;
import dev.hsts.core.PathPatterns;

import org.springframework.http.server.PathContainer;

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
 * {@link SecureRandom}, base64url), stored as the request attribute
 * {@value #NONCE_ATTRIBUTE} for templates ({@code <script th:attr="nonce=${cspNonce}">}
 * in Thymeleaf) and substituted into the policy; every dispatch of the request (error
 * pages, forwards) sees the same one. A request whose policy has no nonce gets none,
 * since a nonce its policy does not name would allow nothing. All policies are validated
 * and split around the placeholder at startup; a request costs a concatenation.
 */
public final class CspHeaderWriter implements DescribedHeaderWriter {

	/** The enforced policy's header. */
	public static final String HEADER_NAME = "Content-Security-Policy";

	/** The reported-only policy's header. */
	public static final String REPORT_ONLY_HEADER_NAME = "Content-Security-Policy-Report-Only";

	/** The request attribute that holds the request's nonce, for templates. */
	public static final String NONCE_ATTRIBUTE = "cspNonce";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final ContentSecurityPolicy policy;

	private final ContentSecurityPolicy reportOnlyPolicy;

	private final CspPathPolicy[] pathPolicies;

	private final boolean usesNonce;

	/**
	 * @param policy the enforced policy, or {@code null}
	 * @param reportOnlyPolicy the reported-only policy, or {@code null}
	 * @param pathPolicies path-specific pairs, first match wins
	 */
	public CspHeaderWriter(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy,
			List<CspPathPolicy> pathPolicies) {
		this.policy = policy;
		this.reportOnlyPolicy = reportOnlyPolicy;
		this.pathPolicies = pathPolicies.toArray(new CspPathPolicy[0]);
		boolean nonce = usesNonce(policy) || usesNonce(reportOnlyPolicy);
		for (CspPathPolicy pathPolicy : this.pathPolicies) {
			nonce |= usesNonce(pathPolicy.policy()) || usesNonce(pathPolicy.reportOnlyPolicy());
		}
		this.usesNonce = nonce;
	}

	private static boolean usesNonce(ContentSecurityPolicy policy) {
		return policy != null && policy.usesNonce();
	}

	@Override
	public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
		boolean enforcedAbsent = !response.containsHeader(HEADER_NAME);
		boolean reportOnlyAbsent = !response.containsHeader(REPORT_ONLY_HEADER_NAME);
		if (!enforcedAbsent && !reportOnlyAbsent) {
			return;
		}
		ContentSecurityPolicy enforced = this.policy;
		ContentSecurityPolicy reportOnly = this.reportOnlyPolicy;
		// The request's path is parsed at most once, for all the path policies, and only
		// if one may match it.
		String rawPath = (this.pathPolicies.length > 0) ? RequestPaths.pathWithinApplication(request) : null;
		PathContainer path = null;
		boolean parsed = false;
		for (CspPathPolicy pathPolicy : this.pathPolicies) {
			if (!pathPolicy.paths().mayMatch(rawPath)) {
				continue;
			}
			if (!parsed) {
				path = PathPatterns.parse(rawPath);
				parsed = true;
			}
			if (pathPolicy.paths().matches(path)) {
				enforced = pathPolicy.policy();
				reportOnly = pathPolicy.reportOnlyPolicy();
				break;
			}
		}
		if (enforced == null || !enforcedAbsent) {
			enforced = null;
		}
		if (reportOnly == null || !reportOnlyAbsent) {
			reportOnly = null;
		}
		// A nonce only where a policy about to be written uses one: SecureRandom is not
		// free, and its default
		// implementation serialises every caller on one lock.
		String nonce = (usesNonce(enforced) || usesNonce(reportOnly)) ? nonce(request) : null;
		if (enforced != null) {
			response.setHeader(HEADER_NAME, enforced.render(nonce));
		}
		if (reportOnly != null) {
			response.setHeader(REPORT_ONLY_HEADER_NAME, reportOnly.render(nonce));
		}
	}

	@Override
	public List<HeaderDescription> describe() {
		List<HeaderDescription> descriptions = new ArrayList<>();
		if (this.policy != null) {
			descriptions.add(HeaderDescription.everywhere(HEADER_NAME, this.policy.value()));
		}
		if (this.reportOnlyPolicy != null) {
			descriptions.add(HeaderDescription.everywhere(REPORT_ONLY_HEADER_NAME, this.reportOnlyPolicy.value()));
		}
		for (CspPathPolicy pathPolicy : this.pathPolicies) {
			List<String> paths = pathPolicy.paths().patterns();
			descriptions.add(new HeaderDescription(HEADER_NAME, value(pathPolicy.policy()), paths, List.of()));
			descriptions.add(new HeaderDescription(REPORT_ONLY_HEADER_NAME, value(pathPolicy.reportOnlyPolicy()), paths,
					List.of()));
		}
		return descriptions;
	}

	private static String value(ContentSecurityPolicy policy) {
		return (policy != null) ? policy.value() : null;
	}

	/**
	 * The request's nonce, made on first use; the same for every dispatch of the request.
	 */
	private static String nonce(HttpServletRequest request) {
		Object existing = request.getAttribute(NONCE_ATTRIBUTE);
		if (existing instanceof String nonce) {
			return nonce;
		}
		byte[] bytes = new byte[16];
		RANDOM.nextBytes(bytes);
		String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		request.setAttribute(NONCE_ATTRIBUTE, nonce);
		return nonce;
	}

	/**
	 * Whether any of the policies uses a nonce, so that requests on its paths get one.
	 */
	public boolean usesNonce() {
		return this.usesNonce;
	}

	/** The enforced policy on other paths, or {@code null}. */
	public ContentSecurityPolicy getPolicy() {
		return this.policy;
	}

	/** The reported-only policy on other paths, or {@code null}. */
	public ContentSecurityPolicy getReportOnlyPolicy() {
		return this.reportOnlyPolicy;
	}

	/** The path-specific policies, first match wins. */
	public List<CspPathPolicy> getPathPolicies() {
		return List.of(this.pathPolicies);
	}

}
