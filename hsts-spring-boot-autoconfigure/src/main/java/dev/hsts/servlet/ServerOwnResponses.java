package dev.hsts.servlet;

/**
 * What the servlet container answers itself, before any filter runs, as far as the
 * starter knows it: which hosts it refuses, and whether the starter's headers are added
 * to its own answers. Used by the endpoint's host preview, so that it says what a real
 * request gets.
 */
public interface ServerOwnResponses {

	/**
	 * Whether the server answers a request with this {@code Host} header itself (a
	 * {@code 400}), before any filter or the application runs.
	 * @param hostHeader the value of the {@code Host} header
	 * @return whether it does
	 */
	boolean refusesHost(String hostHeader);

	/**
	 * Whether the starter's headers (all but {@code Strict-Transport-Security}, which a
	 * host the server refuses never gets) are added to the server's own answers.
	 * @return whether they are
	 */
	boolean writesSecurityHeaders();

}
