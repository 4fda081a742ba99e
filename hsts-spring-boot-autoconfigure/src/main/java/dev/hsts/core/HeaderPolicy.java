package dev.hsts.core;

import java.util.Objects;

/**
 * The headers one request gets, resolved: for each {@link PolicyHeader} its value or "not
 * sent". The defaults (the top-level settings) are one; each named policy is the defaults
 * with the keys it sets replaced; an annotation's inline values and a
 * {@link PerRequestHeaderPolicy} replace keys of those in turn. Immutable; every value is
 * validated when the policy is made, and the two Content-Security-Policy values are split
 * around their nonce placeholder, so that writing one for a request is a concatenation.
 *
 * <p>
 * Strict-Transport-Security is on or off only ({@link #hsts()}): the value stays the HSTS
 * rollout's, whatever the policy.
 */
public final class HeaderPolicy {

	/**
	 * The name of the defaults, the top-level settings (not a name a policy may have).
	 */
	public static final String DEFAULT_NAME = "default";

	/** The value of {@link PolicyHeader#STRICT_TRANSPORT_SECURITY} when it is on. */
	static final String ON = "enabled";

	private static final PolicyHeader[] HEADERS = PolicyHeader.values();

	private final String name;

	/**
	 * By {@link PolicyHeader#ordinal()}: a {@link String}, a
	 * {@link ContentSecurityPolicy}, or {@code null} when not sent.
	 */
	private final Object[] values;

	/** The Cache-Control value a policy that switches the default on without one uses. */
	private final String cacheControlValue;

	/** Paths that never get the Cache-Control default, when it is the defaults' one. */
	private final PathPatterns cacheControlExcludedPaths;

	private final boolean usesNonce;

	/** What CSP reporting adds, or {@code null} when it is off. */
	private final CspReportingDirectives reporting;

	private final String reportingId;

	HeaderPolicy(String name, Object[] values, String cacheControlValue, PathPatterns cacheControlExcludedPaths,
			CspReportingDirectives reporting) {
		this.name = Objects.requireNonNull(name, "name");
		this.reporting = reporting;
		this.reportingId = CspReportingDirectives.policyId(name);
		this.values = values;
		this.cacheControlValue = cacheControlValue;
		this.cacheControlExcludedPaths = (cacheControlExcludedPaths != null) ? cacheControlExcludedPaths
				: PathPatterns.none();
		this.usesNonce = ContentSecurityPolicies.usesNonce(contentSecurityPolicy(), reportOnlyContentSecurityPolicy());
	}

	/**
	 * Starts the defaults: every header not sent until set.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The name of the policy: {@value #DEFAULT_NAME} for the defaults, the configured
	 * name of a named policy, {@code content-security-policy.path-policies[i]} for a CSP
	 * path policy.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Whether the header is sent.
	 * @param header a header
	 * @return whether the policy sends it
	 */
	public boolean sends(PolicyHeader header) {
		return this.values[header.ordinal()] != null;
	}

	/**
	 * The header's value as configured (a Content-Security-Policy with its
	 * {@code 'nonce-{nonce}'} placeholder; {@code enabled} for
	 * Strict-Transport-Security).
	 * @param header a header
	 * @return the value, or {@code null} when not sent
	 */
	public String value(PolicyHeader header) {
		Object value = this.values[header.ordinal()];
		return (value != null) ? value.toString() : null;
	}

	/**
	 * The header's value for one request.
	 * @param header a header other than Strict-Transport-Security (whose value the HSTS
	 * writer decides)
	 * @param nonce the request's nonce, when {@link #usesNonce()}; otherwise ignored
	 * @return the value to write, or {@code null} when not sent
	 */
	public String render(PolicyHeader header, String nonce) {
		Object value = this.values[header.ordinal()];
		if (value instanceof ContentSecurityPolicy policy) {
			if (this.reporting != null) {
				return this.reporting.render(policy, this.reportingId, nonce);
			}
			return policy.render(nonce);
		}
		return (value != null && header != PolicyHeader.STRICT_TRANSPORT_SECURITY) ? (String) value : null;
	}

	/**
	 * The {@code Reporting-Endpoints} value for a response with this policy's
	 * Content-Security-Policy headers, when CSP reporting is on.
	 * @param enforced whether the enforced policy is written
	 * @param reportOnly whether the report-only policy is written
	 * @return the value, or {@code null} for none
	 */
	public String reportingEndpoints(boolean enforced, boolean reportOnly) {
		if (this.reporting == null) {
			return null;
		}

		return this.reporting.reportingEndpoints(this.reportingId, enforced ? contentSecurityPolicy() : null,
				reportOnly ? reportOnlyContentSecurityPolicy() : null);
	}

	/**
	 * Counts a response that carries this policy's report-only Content-Security-Policy
	 * (with CSP reporting on), for the {@code csp.report-only.ready} finding.
	 */
	public void reportOnlySent() {
		if (this.reporting != null) {
			this.reporting.reportOnlySent(this.reportingId);
		}
	}

	/**
	 * What CSP reporting adds, or {@code null} when it is off.
	 * @return the reporting directives
	 */
	public CspReportingDirectives reporting() {
		return this.reporting;
	}

	/**
	 * The id of this policy in CSP reports ({@link CspReportingDirectives#policyId}).
	 * @return the id
	 */
	public String reportingId() {
		return this.reportingId;
	}

	/**
	 * This policy, and every policy made from it, with CSP reporting.
	 * @param reporting what reporting adds, or {@code null} for none
	 * @return the policy
	 */
	public HeaderPolicy withReporting(CspReportingDirectives reporting) {
		return new HeaderPolicy(this.name, this.values, this.cacheControlValue, this.cacheControlExcludedPaths,
				reporting);
	}

	/**
	 * Whether Strict-Transport-Security is sent (with the rollout's value) on requests
	 * with this policy.
	 * @return whether HSTS is on
	 */
	public boolean hsts() {
		return this.values[PolicyHeader.STRICT_TRANSPORT_SECURITY.ordinal()] != null;
	}

	/**
	 * Whether either Content-Security-Policy value uses a nonce, so that a request with
	 * this policy needs one ({@link ContentSecurityPolicies#newNonce()}).
	 * @return whether a nonce is needed
	 */
	public boolean usesNonce() {
		return this.usesNonce;
	}

	/** The enforced Content-Security-Policy, or {@code null}. */
	public ContentSecurityPolicy contentSecurityPolicy() {
		return (ContentSecurityPolicy) this.values[PolicyHeader.CONTENT_SECURITY_POLICY.ordinal()];
	}

	/** The reported-only Content-Security-Policy, or {@code null}. */
	public ContentSecurityPolicy reportOnlyContentSecurityPolicy() {
		return (ContentSecurityPolicy) this.values[PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY.ordinal()];
	}

	/**
	 * The default Cache-Control for a response on a path, where the application set none.
	 * @param encodedPath the path within the application, as sent
	 * @return the value, or {@code null} when none is written there (off, or an excluded
	 * path)
	 */
	public String cacheControl(String encodedPath) {
		String value = (String) this.values[PolicyHeader.CACHE_CONTROL.ordinal()];
		if (value == null || this.cacheControlExcludedPaths.isEmpty()) {
			return value;
		}
		return this.cacheControlExcludedPaths.matchesPath(encodedPath) ? null : value;
	}

	/**
	 * Whether {@link #cacheControl(String)} needs the path.
	 * @return whether paths are excluded from the Cache-Control default
	 */
	public boolean cacheControlDependsOnPath() {
		return !this.cacheControlExcludedPaths.isEmpty() && sends(PolicyHeader.CACHE_CONTROL);
	}

	/**
	 * This policy with one header's value replaced.
	 * @param name the name of the result
	 * @param header the header
	 * @param validated a validated value (see {@link PolicyHeader#validate}), or
	 * {@code null} for not sent
	 */
	HeaderPolicy with(String name, PolicyHeader header, Object validated) {
		Object[] values = this.values.clone();
		values[header.ordinal()] = validated;
		// A Cache-Control a policy sets itself applies on every path.
		PathPatterns excluded = (header == PolicyHeader.CACHE_CONTROL) ? null : this.cacheControlExcludedPaths;
		return new HeaderPolicy(name, values, this.cacheControlValue, excluded, this.reporting);
	}

	/** This policy under another name. */
	HeaderPolicy named(String name) {
		return new HeaderPolicy(name, this.values, this.cacheControlValue, this.cacheControlExcludedPaths,
				this.reporting);
	}

	/** The values, by ordinal, to copy. */
	Object[] values() {
		return this.values.clone();
	}

	String cacheControlValue() {
		return this.cacheControlValue;
	}

	PathPatterns cacheControlExcludedPaths() {
		return this.cacheControlExcludedPaths;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("HeaderPolicy[").append(this.name);
		for (PolicyHeader header : HEADERS) {
			text.append(", ").append(header.headerName()).append('=').append(value(header));
		}
		return text.append(']').toString();
	}

	/**
	 * Builds the defaults from the validated top-level values.
	 */
	public static final class Builder {

		private final Object[] values = new Object[HEADERS.length];

		private String cacheControlValue = "no-store";

		private PathPatterns cacheControlExcludedPaths = PathPatterns.none();

		private CspReportingDirectives reporting;

		private Builder() {
		}

		/**
		 * Turns CSP reporting on, for the defaults and every policy made from them.
		 * @param reporting what reporting adds, or {@code null} for none
		 * @return this builder
		 */
		public Builder reporting(CspReportingDirectives reporting) {
			this.reporting = reporting;
			return this;
		}

		/**
		 * Sets a header that is neither a Content-Security-Policy nor Cache-Control nor
		 * Strict-Transport-Security.
		 * @param header the header
		 * @param value its validated value, or {@code null} when not sent
		 * @return this builder
		 */
		public Builder header(PolicyHeader header, String value) {
			if (header.isContentSecurityPolicy() || header == PolicyHeader.CACHE_CONTROL
					|| header == PolicyHeader.STRICT_TRANSPORT_SECURITY) {
				throw new IllegalArgumentException(header + " has a setter of its own");
			}
			this.values[header.ordinal()] = value;
			return this;
		}

		/**
		 * Sets the Content-Security-Policy pair.
		 * @param policy the enforced policy, or {@code null}
		 * @param reportOnlyPolicy the reported-only policy, or {@code null}
		 * @return this builder
		 */
		public Builder contentSecurityPolicy(ContentSecurityPolicy policy, ContentSecurityPolicy reportOnlyPolicy) {
			this.values[PolicyHeader.CONTENT_SECURITY_POLICY.ordinal()] = policy;
			this.values[PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY.ordinal()] = reportOnlyPolicy;
			return this;
		}

		/**
		 * Sets the Cache-Control default.
		 * @param enabled whether it is written
		 * @param value the validated value (also the one a named policy that switches it
		 * on uses)
		 * @param excludedPaths paths that never get it
		 * @return this builder
		 */
		public Builder cacheControl(boolean enabled, String value, PathPatterns excludedPaths) {
			this.cacheControlValue = Objects.requireNonNull(value, "value");
			this.values[PolicyHeader.CACHE_CONTROL.ordinal()] = enabled ? value : null;
			this.cacheControlExcludedPaths = (excludedPaths != null) ? excludedPaths : PathPatterns.none();
			return this;
		}

		/**
		 * Switches Strict-Transport-Security.
		 * @param enabled whether it is sent (with the rollout's value)
		 * @return this builder
		 */
		public Builder hsts(boolean enabled) {
			this.values[PolicyHeader.STRICT_TRANSPORT_SECURITY.ordinal()] = enabled ? ON : null;
			return this;
		}

		/**
		 * The defaults.
		 * @return the policy named {@value HeaderPolicy#DEFAULT_NAME}
		 */
		public HeaderPolicy build() {
			return new HeaderPolicy(DEFAULT_NAME, this.values.clone(), this.cacheControlValue,
					this.cacheControlExcludedPaths, this.reporting);
		}

	}

}
