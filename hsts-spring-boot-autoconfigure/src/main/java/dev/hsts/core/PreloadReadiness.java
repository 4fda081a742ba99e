package dev.hsts.core;

import java.time.Instant;
import java.util.List;

/**
 * The hstspreload.org submission rules an application can see, each worded as the preload
 * list's checker (github.com/chromium/hstspreload) words it:
 * <ul>
 * <li>the HTTPS root sends exactly one {@code Strict-Transport-Security} header
 * ({@code response.no_header}, {@code response.multiple_headers});</li>
 * <li>max-age of at least 31536000 ({@code header.preloadable.max_age.*}),
 * {@code includeSubDomains} ({@code header.preloadable.include_sub_domains.missing}),
 * {@code preload} ({@code header.preloadable.preload.missing}), and the checker's parse
 * warnings ({@code header.parse.*});</li>
 * <li>plain HTTP redirects ({@code redirects.http.no_redirect}) first to HTTPS on the
 * same host ({@code redirects.http.first_redirect.insecure},
 * {@code redirects.http.www_first}), whose response has the header
 * ({@code redirects.http.first_redirect.no_hsts}); no HSTS header over plain HTTP
 * ({@code redirects.http.useless_header}).</li>
 * </ul>
 * Rules the application cannot see (the domain being a registered domain, the www
 * subdomain, the TLS chain) are left to hstspreload.org.
 */
public final class PreloadReadiness {

	private PreloadReadiness() {
	}

	/**
	 * The checker's header rules on one header value ({@code EligibleHeaderString}: parse
	 * warnings, then includeSubDomains, preload, max-age).
	 * @param hstsFieldValue the header value
	 * @return the issues, errors and warnings in the checker's order; empty when it
	 * qualifies cleanly
	 */
	public static List<PreloadIssue> checkHeader(String hstsFieldValue) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The checker's rules on observed responses.
	 * @param domain the domain to submit, e.g. {@code example.com}
	 * @param httpsRoot the response to {@code https://<domain>/}, not following redirects
	 * @param httpRoot the response to {@code http://<domain>/}, not following redirects,
	 * or {@code null} when plain HTTP is not served (a warning, as the checker says)
	 * @param firstRedirectTarget the response to the URL {@code httpRoot} redirects to
	 * when that is {@code https://<domain>...}, or {@code null} (then the header rules of
	 * {@code httpsRoot} stand for it when the redirect goes to {@code https://<domain>/})
	 * @return the issues; empty when every rule the application can see holds
	 */
	public static List<PreloadIssue> checkResponses(String domain, PreloadProbeResponse httpsRoot,
			PreloadProbeResponse httpRoot, PreloadProbeResponse firstRedirectTarget) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * The header rules on what the application's own rollout plan sends: the final stage
	 * (what will be submitted) and the stage active now.
	 * @param policy the HSTS policy
	 * @param now the instant
	 * @return the issues of the final stage's header; empty when it qualifies
	 */
	public static List<PreloadIssue> checkPlan(HstsPolicy policy, Instant now) {
		throw new UnsupportedOperationException("not yet");
	}

	/**
	 * Endpoint findings ({@code preload.*}) from the application's own configuration:
	 * only when {@code preload} is configured ({@link HstsPolicy#preloadIntent()}); an
	 * application that never meant to preload gets none. Covers the final stage's header,
	 * the stage active now, the HTTPS redirect (plain HTTP must redirect to HTTPS on the
	 * same host) and hosts excluded from HSTS.
	 * @param policy the HSTS policy
	 * @param redirect the HTTPS redirect rule, or {@code null} when the starter does not
	 * redirect
	 * @param now the instant
	 * @return the findings, possibly empty
	 */
	public static List<Finding> findings(HstsPolicy policy, HttpsRedirectRule redirect, Instant now) {
		throw new UnsupportedOperationException("not yet");
	}

}
