package dev.hsts.core;

import java.util.List;

/**
 * The security headers a response may carry only once: a second copy makes the whole
 * policy invalid to scanners (and browsers use only one of them), so a second value
 * replaces the first instead of joining it.
 */
public final class SingleValuedHeaders {

	private static final HeaderNameSet SET = HeaderNameSet.of(List.of("Strict-Transport-Security",
			"X-Content-Type-Options", "X-Frame-Options", "Referrer-Policy", "Permissions-Policy",
			"Content-Security-Policy", "Content-Security-Policy-Report-Only", "Cross-Origin-Opener-Policy",
			"Cross-Origin-Resource-Policy", "Cross-Origin-Embedder-Policy", "X-Permitted-Cross-Domain-Policies",
			"Origin-Agent-Cluster", "X-DNS-Prefetch-Control", "X-XSS-Protection"));

	/** Every name, in the usual spelling. */
	public static final List<String> NAMES = SET.names();

	private SingleValuedHeaders() {
	}

	/**
	 * Whether a response may carry a header only once.
	 * @param name a header name
	 * @return whether it is one of the single-valued security headers (compared ignoring
	 * case)
	 */
	public static boolean contains(String name) {
		return SET.contains(name);
	}

}
