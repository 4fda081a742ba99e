package dev.hsts.web;

/**
 * Writes {@code Referrer-Policy} where the response has none: how much of the page's URL browsers send in the {@code Referer} header of requests the page causes.
 */
public class ReferrerPolicyHeaderWriter extends FixedValueHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "Referrer-Policy";

	/**
	 * @param value the header value, validated by {@code dev.hsts.policy.HeaderValues}
	 */
	public ReferrerPolicyHeaderWriter(String value) {
		super(HEADER_NAME, value);
	}

}
