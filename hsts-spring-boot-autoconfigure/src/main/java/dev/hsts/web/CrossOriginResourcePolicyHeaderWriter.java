package dev.hsts.web;

/**
 * Writes {@code Cross-Origin-Resource-Policy} where the response has none: which sites may load the response as a subresource (no-cors requests).
 */
public class CrossOriginResourcePolicyHeaderWriter extends FixedValueHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "Cross-Origin-Resource-Policy";

	/**
	 * @param value the header value, validated by {@code dev.hsts.policy.HeaderValues}
	 */
	public CrossOriginResourcePolicyHeaderWriter(String value) {
		super(HEADER_NAME, value);
	}

}
