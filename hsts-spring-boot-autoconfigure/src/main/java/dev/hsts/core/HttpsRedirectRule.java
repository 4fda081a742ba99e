package dev.hsts.core;

import java.util.List;
import java.util.Set;

/**
 * How a plain-HTTP request is sent to HTTPS: the same host, path and query, on the HTTPS
 * port, with a permanent redirect status (301 for GET and HEAD, 308 for other methods so
 * that the method and body are kept), except on the exempt paths.
 */
public final class HttpsRedirectRule {

	private static final String PREFIX = "https-redirect.";

	private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

	private final int httpsPort;

	private final int getAndHeadStatus;

	private final int otherMethodsStatus;

	private final PathPatterns exemptPaths;

	/**
	 * Validates the values.
	 * @param httpsPort the port in {@code Location}; omitted when it is 443
	 * @param getAndHeadStatus the status for GET and HEAD
	 * @param otherMethodsStatus the status for every other method
	 * @param exemptPaths path patterns that are served over plain HTTP as they are, may
	 * be {@code null}
	 * @throws InvalidPolicyException naming the setting of the first value that is
	 * refused
	 */
	public HttpsRedirectRule(int httpsPort, int getAndHeadStatus, int otherMethodsStatus, List<String> exemptPaths) {
		if (httpsPort < 1 || httpsPort > 65535) {
			throw new InvalidPolicyException(PREFIX + "https-port", httpsPort, "it is not a TCP port.",
					"Set the port clients reach HTTPS on, from 1 to 65535 (443 is left out of the Location header).");
		}
		checkStatus(PREFIX + "get-and-head-status", getAndHeadStatus);
		checkStatus(PREFIX + "other-methods-status", otherMethodsStatus);
		this.httpsPort = httpsPort;
		this.getAndHeadStatus = getAndHeadStatus;
		this.otherMethodsStatus = otherMethodsStatus;
		this.exemptPaths = PathPatterns.parse(PREFIX + "exempt-paths", exemptPaths);
	}

	private static void checkStatus(String path, int status) {
		if (!REDIRECT_STATUSES.contains(status)) {
			throw new InvalidPolicyException(path, status, "it is not a redirect status.",
					"Use 301 or 308 (permanent; 308 keeps the method and body), or 302, 303 or 307.");
		}
	}

	/**
	 * Whether a path is served over plain HTTP as it is.
	 * @param encodedPath the path within the application, still percent-encoded
	 * @return whether an exempt pattern matches it
	 */
	public boolean isExempt(String encodedPath) {
		return this.exemptPaths.matchesPath(encodedPath);
	}

	/**
	 * Whether any path is served over plain HTTP as it is.
	 * @return whether exempt paths are configured
	 */
	public boolean hasExemptPaths() {
		return !this.exemptPaths.isEmpty();
	}

	/**
	 * The status for a request method.
	 * @param method the HTTP method
	 * @return the redirect status
	 */
	public int statusFor(String method) {
		return ("GET".equals(method) || "HEAD".equals(method)) ? this.getAndHeadStatus : this.otherMethodsStatus;
	}

	/**
	 * The {@code Location} for a request.
	 * @param host the host the request was for, without port (an IPv6 literal with or
	 * without brackets)
	 * @param requestUri the request URI as received (still percent-encoded)
	 * @param query the query string as received, or {@code null}
	 * @return the HTTPS URL
	 */
	public String location(String host, String requestUri, String query) {
		StringBuilder location = new StringBuilder(16 + host.length() + requestUri.length()).append("https://");
		if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
			location.append('[').append(host).append(']');
		}
		else {
			location.append(host);
		}
		if (this.httpsPort != 443) {
			location.append(':').append(this.httpsPort);
		}
		location.append(requestUri);
		if (query != null) {
			location.append('?').append(query);
		}
		return location.toString();
	}

	/**
	 * The port in {@code Location}.
	 * @return the HTTPS port
	 */
	public int httpsPort() {
		return this.httpsPort;
	}

	/**
	 * The exempt path patterns.
	 * @return the patterns as configured
	 */
	public List<String> exemptPaths() {
		return this.exemptPaths.patterns();
	}

}
