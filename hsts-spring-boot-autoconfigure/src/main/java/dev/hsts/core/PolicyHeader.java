package dev.hsts.core;

/**
 * The headers a {@link HeaderPolicy} decides: for each, its name and the setting of a
 * named policy that configures it (relative to {@code policies.<name>}).
 */
public enum PolicyHeader {

	/** {@code X-Content-Type-Options}. */
	CONTENT_TYPE_OPTIONS("X-Content-Type-Options", "content-type-options"),

	/** {@code X-Frame-Options}. */
	FRAME_OPTIONS("X-Frame-Options", "frame-options"),

	/** {@code Referrer-Policy}. */
	REFERRER_POLICY("Referrer-Policy", "referrer-policy"),

	/** {@code Permissions-Policy}. */
	PERMISSIONS_POLICY("Permissions-Policy", "permissions-policy"),

	/** {@code Content-Security-Policy}; may use a nonce. */
	CONTENT_SECURITY_POLICY(ContentSecurityPolicies.HEADER_NAME, "content-security-policy.policy"),

	/** {@code Content-Security-Policy-Report-Only}; may use a nonce. */
	CONTENT_SECURITY_POLICY_REPORT_ONLY(ContentSecurityPolicies.REPORT_ONLY_HEADER_NAME,
			"content-security-policy.report-only-policy"),

	/** {@code Cross-Origin-Opener-Policy}. */
	CROSS_ORIGIN_OPENER_POLICY("Cross-Origin-Opener-Policy", "cross-origin-opener-policy"),

	/** {@code Cross-Origin-Resource-Policy}. */
	CROSS_ORIGIN_RESOURCE_POLICY("Cross-Origin-Resource-Policy", "cross-origin-resource-policy"),

	/** {@code Cross-Origin-Embedder-Policy}. */
	CROSS_ORIGIN_EMBEDDER_POLICY("Cross-Origin-Embedder-Policy", "cross-origin-embedder-policy"),

	/** {@code X-Permitted-Cross-Domain-Policies}. */
	PERMITTED_CROSS_DOMAIN_POLICIES("X-Permitted-Cross-Domain-Policies", "permitted-cross-domain-policies"),

	/** {@code Origin-Agent-Cluster}. */
	ORIGIN_AGENT_CLUSTER("Origin-Agent-Cluster", "origin-agent-cluster"),

	/** {@code X-DNS-Prefetch-Control}. */
	DNS_PREFETCH_CONTROL("X-DNS-Prefetch-Control", "dns-prefetch-control"),

	/** {@code X-XSS-Protection}. */
	XSS_PROTECTION("X-XSS-Protection", "xss-protection"),

	/**
	 * {@code Cache-Control}: a default written only where the application set none, when
	 * the response is complete.
	 */
	CACHE_CONTROL("Cache-Control", "cache-control.value"),

	/**
	 * {@code Strict-Transport-Security}: on or off only; the value is the HSTS rollout's.
	 */
	STRICT_TRANSPORT_SECURITY(HstsPolicy.HEADER_NAME, "hsts.enabled");

	private final String headerName;

	private final String setting;

	PolicyHeader(String headerName, String setting) {
		this.headerName = headerName;
		this.setting = setting;
	}

	/**
	 * The header's name.
	 * @return the name as sent, e.g. {@code X-Frame-Options}
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * The setting of a named policy that configures the header.
	 * @return the setting relative to {@code policies.<name>}, e.g. {@code frame-options}
	 */
	public String setting() {
		return this.setting;
	}

	/**
	 * Whether the value may contain the request's nonce.
	 * @return whether the header is one of the two Content-Security-Policy headers
	 */
	public boolean isContentSecurityPolicy() {
		return this == CONTENT_SECURITY_POLICY || this == CONTENT_SECURITY_POLICY_REPORT_ONLY;
	}

	/**
	 * The header with a name.
	 * @param name a header name, in any letter case
	 * @return the header, or {@code null} when policies do not decide it
	 */
	public static PolicyHeader of(String name) {
		if (name != null) {
			for (PolicyHeader header : values()) {
				if (header.headerName.equalsIgnoreCase(name)) {
					return header;
				}
			}
		}
		return null;
	}

	/**
	 * Validates a value of this header (not for {@link #STRICT_TRANSPORT_SECURITY}).
	 * @param path where the value is configured, for the error message
	 * @param value the value; {@code disabled} means not sent
	 * @return the validated value: a {@link String}, a {@link ContentSecurityPolicy} for
	 * the two CSP headers, or {@code null} when not sent
	 * @throws InvalidPolicyException if the value is not valid for the header
	 */
	Object validate(String path, String value) {
		// No switch on the enum: it would be a synthetic class of its own (issue 21).
		if (isContentSecurityPolicy()) {
			return ContentSecurityPolicy.parse(path, value);
		}
		if (HeaderValues.DISABLED.equalsIgnoreCase((value != null) ? value.trim() : null)) {
			return null;
		}
		if (this == CONTENT_TYPE_OPTIONS) {
			return HeaderValues.contentTypeOptions(path, value);
		}
		if (this == FRAME_OPTIONS) {
			return HeaderValues.frameOptions(path, value);
		}
		if (this == REFERRER_POLICY) {
			return HeaderValues.referrerPolicy(path, value);
		}
		if (this == PERMISSIONS_POLICY) {
			return HeaderValues.permissionsPolicy(path, value);
		}
		if (this == CROSS_ORIGIN_OPENER_POLICY) {
			return HeaderValues.crossOriginOpenerPolicy(path, value);
		}
		if (this == CROSS_ORIGIN_RESOURCE_POLICY) {
			return HeaderValues.crossOriginResourcePolicy(path, value);
		}
		if (this == CROSS_ORIGIN_EMBEDDER_POLICY) {
			return HeaderValues.crossOriginEmbedderPolicy(path, value);
		}
		if (this == PERMITTED_CROSS_DOMAIN_POLICIES) {
			return HeaderValues.permittedCrossDomainPolicies(path, value);
		}
		if (this == ORIGIN_AGENT_CLUSTER) {
			return HeaderValues.originAgentCluster(path, value);
		}
		if (this == DNS_PREFETCH_CONTROL) {
			return HeaderValues.dnsPrefetchControl(path, value);
		}
		if (this == XSS_PROTECTION) {
			return HeaderValues.xssProtection(path, value);
		}
		if (this == CACHE_CONTROL) {
			return HeaderValues.cacheControl(path, value);
		}
		throw new InvalidPolicyException(path, value,
				"the HSTS value is the rollout's; a policy only switches the header on or off.",
				"Set ${hsts.enabled}-style true or false on the policy instead of a value.");
	}

}
