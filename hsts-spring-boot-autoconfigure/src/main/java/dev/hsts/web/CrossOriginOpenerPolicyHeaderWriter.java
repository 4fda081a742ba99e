package dev.hsts.web;

/**
 * Writes {@code Cross-Origin-Opener-Policy} where the response has none: whether the page shares a browsing context group with cross-origin windows it opens or that open it.
 */
public class CrossOriginOpenerPolicyHeaderWriter extends FixedValueHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "Cross-Origin-Opener-Policy";

	/**
	 * @param value the header value, validated by {@code dev.hsts.policy.HeaderValues}
	 */
	public CrossOriginOpenerPolicyHeaderWriter(String value) {
		super(HEADER_NAME, value);
	}

}
