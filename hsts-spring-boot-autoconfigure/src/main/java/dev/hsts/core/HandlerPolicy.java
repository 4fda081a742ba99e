package dev.hsts.core;

import java.util.Objects;

/**
 * What an annotation on a handler (a controller class, a handler method) or a functional
 * route's attribute asks for: a named policy, inline values of a few headers, or both.
 * Inline values are validated when this is made; the name is checked against the
 * configured policies by {@link HeaderPolicies#of}, naming {@link #where()}.
 *
 * <p>
 * Made once per handler at startup; {@link #over(HandlerPolicy)} merges a method's with
 * its class's (the method's name and values win, the class's fill in the rest).
 */
public final class HandlerPolicy {

	/**
	 * How the refusal of an inline value names the annotation: an
	 * {@link InvalidPolicyException} whose path starts with this names an annotation
	 * attribute, not a setting.
	 */
	public static final String ANNOTATION = "@SecurityHeadersPolicy";

	/** A value an inline setting switches off. */
	private static final Object NOT_SENT = new Object();

	private final String where;

	private final String policyName;

	/**
	 * By {@link PolicyHeader#ordinal()}: {@code null} when not set inline,
	 * {@link #NOT_SENT}, or the validated value.
	 */
	private final Object[] inline;

	private final boolean hasInline;

	private HandlerPolicy(String where, String policyName, Object[] inline) {
		this.where = Objects.requireNonNull(where, "where");
		this.policyName = policyName;
		this.inline = inline;
		boolean any = false;
		for (Object value : inline) {
			any |= value != null;
		}
		this.hasInline = any;
	}

	/**
	 * What an annotation asks for.
	 * @param where the annotated element, for messages, e.g.
	 * {@code com.example.EmbedController#widget}
	 * @param policyName the policy's name, or {@code null}/empty for none
	 * @param frameOptions an X-Frame-Options value or {@code disabled};
	 * {@code null}/empty when not set
	 * @param contentSecurityPolicy a Content-Security-Policy or {@code disabled};
	 * {@code null}/empty when not set
	 * @param contentSecurityPolicyReportOnly a Content-Security-Policy-Report-Only or
	 * {@code disabled}; {@code null}/empty when not set
	 * @return the handler's policy
	 * @throws InvalidPolicyException whose path is
	 * {@code @SecurityHeadersPolicy(attribute) on where}, for the first value that is
	 * refused
	 */
	public static HandlerPolicy of(String where, String policyName, String frameOptions, String contentSecurityPolicy,
			String contentSecurityPolicyReportOnly) {
		Object[] inline = new Object[PolicyHeader.values().length];
		inline(inline, PolicyHeader.FRAME_OPTIONS, ANNOTATION + "(frameOptions) on " + where, frameOptions);
		inline(inline, PolicyHeader.CONTENT_SECURITY_POLICY, ANNOTATION + "(contentSecurityPolicy) on " + where,
				contentSecurityPolicy);
		inline(inline, PolicyHeader.CONTENT_SECURITY_POLICY_REPORT_ONLY,
				ANNOTATION + "(contentSecurityPolicyReportOnly) on " + where, contentSecurityPolicyReportOnly);
		return new HandlerPolicy(where, emptyAsNull(policyName), inline);
	}

	/**
	 * What a functional route's attribute asks for.
	 * @param where the route, for messages
	 * @param policyName the policy's name
	 * @return the route's policy
	 */
	public static HandlerPolicy named(String where, String policyName) {
		return new HandlerPolicy(where, emptyAsNull(policyName), new Object[PolicyHeader.values().length]);
	}

	private static void inline(Object[] inline, PolicyHeader header, String where, String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		Object validated = header.validate(where, value);
		inline[header.ordinal()] = (validated != null) ? validated : NOT_SENT;
	}

	private static String emptyAsNull(String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

	/**
	 * This (a method's) policy over a class's: this one's name and inline values win, the
	 * class's fill in what this one leaves unset.
	 * @param classPolicy the class's, or {@code null}
	 * @return the merged policy
	 */
	public HandlerPolicy over(HandlerPolicy classPolicy) {
		if (classPolicy == null) {
			return this;
		}
		Object[] merged = classPolicy.inline.clone();
		for (int i = 0; i < merged.length; i++) {
			if (this.inline[i] != null) {
				merged[i] = this.inline[i];
			}
		}
		return new HandlerPolicy(this.where, (this.policyName != null) ? this.policyName : classPolicy.policyName,
				merged);
	}

	/**
	 * Where the policy was declared.
	 * @return e.g. {@code com.example.EmbedController#widget}
	 */
	public String where() {
		return this.where;
	}

	/**
	 * The named policy asked for.
	 * @return the name, or {@code null} when only inline values are set (they then apply
	 * over the path's policy)
	 */
	public String policyName() {
		return this.policyName;
	}

	/**
	 * Whether it asks for nothing.
	 * @return whether there is neither a name nor an inline value
	 */
	public boolean isEmpty() {
		return this.policyName == null && !this.hasInline;
	}

	/** Applies the inline values over a policy. */
	HeaderPolicy applyTo(HeaderPolicy base) {
		if (!this.hasInline) {
			return base;
		}
		Object[] values = base.values();
		for (int i = 0; i < values.length; i++) {
			if (this.inline[i] != null) {
				values[i] = (this.inline[i] != NOT_SENT) ? this.inline[i] : null;
			}
		}
		return new HeaderPolicy(base.name(), values, base.cacheControlValue(), base.cacheControlExcludedPaths(),
				base.reporting());
	}

	@Override
	public String toString() {
		return "HandlerPolicy[" + this.where + ((this.policyName != null) ? " -> " + this.policyName : "")
				+ (this.hasInline ? " (inline values)" : "") + "]";
	}

}
