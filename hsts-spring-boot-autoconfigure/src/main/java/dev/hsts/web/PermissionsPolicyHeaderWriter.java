package dev.hsts.web;

/**
 * Writes {@code Permissions-Policy} where the response has none: which powerful browser features (geolocation, camera, ...) the page and its frames may use.
 */
public class PermissionsPolicyHeaderWriter extends FixedValueHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "Permissions-Policy";

	/**
	 * @param value the header value, validated by {@code dev.hsts.policy.HeaderValues}
	 */
	public PermissionsPolicyHeaderWriter(String value) {
		super(HEADER_NAME, value);
	}

}
