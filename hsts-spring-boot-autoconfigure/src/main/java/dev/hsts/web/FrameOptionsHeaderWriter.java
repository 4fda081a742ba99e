package dev.hsts.web;

/**
 * Writes {@code X-Frame-Options} ({@code DENY} or {@code SAMEORIGIN}) where the response has none, so that other sites cannot frame the application's pages (clickjacking). CSP's {@code frame-ancestors} supersedes it in current browsers; both may be sent.
 */
public class FrameOptionsHeaderWriter extends FixedValueHeaderWriter {

	/** The header name. */
	public static final String HEADER_NAME = "X-Frame-Options";

	/**
	 * @param value the header value, validated by {@code dev.hsts.policy.HeaderValues}
	 */
	public FrameOptionsHeaderWriter(String value) {
		super(HEADER_NAME, value);
	}

}
