package dev.hsts.core;

/**
 * How a {@link PerRequestHeaderPolicy} changes the headers of one request. The calls
 * apply in order: {@link #use(String)} replaces the whole policy (and what earlier calls
 * set), {@link #set} and {@link #omit} change one header of it. Only the headers the
 * starter manages can be changed ({@link PolicyHeader}); a header the application sets on
 * the response itself is never replaced.
 */
public interface PolicyAdjustment {

	/**
	 * Uses a named policy for this request.
	 * @param policyName the name of a configured policy
	 * ({@code security.headers.policies.<name>}) or {@value HeaderPolicy#DEFAULT_NAME}
	 * for the defaults
	 * @throws IllegalArgumentException when no such policy is configured
	 */
	void use(String policyName);

	/**
	 * Sends a header with a value on this request.
	 * @param header the name of a header the starter manages, e.g.
	 * {@code X-Frame-Options}; a Content-Security-Policy may use {@code 'nonce-{nonce}'}
	 * @param value the value, validated as the configured ones are
	 * @throws IllegalArgumentException for another header, a value that is not valid for
	 * it, or Strict-Transport-Security (whose value is the rollout's: only {@link #omit})
	 */
	void set(String header, String value);

	/**
	 * Sends no such header on this request.
	 * @param header the name of a header the starter manages
	 * @throws IllegalArgumentException for another header
	 */
	void omit(String header);

}
