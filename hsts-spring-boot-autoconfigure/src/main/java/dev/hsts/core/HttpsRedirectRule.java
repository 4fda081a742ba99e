package dev.hsts.core;

import java.util.List;
import java.util.Set;

/**
 * How a plain-HTTP request is sent to HTTPS: the same path and query, to the configured
 * host (or, when none is configured, the host the request was for), on the HTTPS port,
 * with a permanent redirect status (301 for GET and HEAD, 308 for other methods so that
 * the method and body are kept), except on the exempt paths.
 */
public final class HttpsRedirectRule {

	private static final String PREFIX = "https-redirect.";

	private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

	private final String host;

	private final int httpsPort;

	private final int getAndHeadStatus;

	private final int otherMethodsStatus;

	private final PathPatterns exemptPaths;

	/**
	 * Validates the values of a rule that redirects to the host each request was for.
	 * @param httpsPort the port in {@code Location}; omitted when it is 443
	 * @param getAndHeadStatus the status for GET and HEAD
	 * @param otherMethodsStatus the status for every other method
	 * @param exemptPaths path patterns that are served over plain HTTP as they are, may
	 * be {@code null}
	 * @throws InvalidPolicyException naming the setting of the first value that is
	 * refused
	 */
	public HttpsRedirectRule(int httpsPort, int getAndHeadStatus, int otherMethodsStatus, List<String> exemptPaths) {
		this(null, httpsPort, getAndHeadStatus, otherMethodsStatus, exemptPaths);
	}

	/**
	 * Validates the values.
	 * @param host the host every redirect goes to: a host name or an IP address, without
	 * scheme, port or path; {@code null} or empty for the host each request was for
	 * @param httpsPort the port in {@code Location}; omitted when it is 443
	 * @param getAndHeadStatus the status for GET and HEAD
	 * @param otherMethodsStatus the status for every other method
	 * @param exemptPaths path patterns that are served over plain HTTP as they are, may
	 * be {@code null}
	 * @throws InvalidPolicyException naming the setting of the first value that is
	 * refused
	 */
	public HttpsRedirectRule(String host, int httpsPort, int getAndHeadStatus, int otherMethodsStatus,
			List<String> exemptPaths) {
		this.host = (host != null && !host.isEmpty()) ? locationHost(host) : null;
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

	/**
	 * A configured host as it is written in {@code Location}: a host name in lower case
	 * (an internationalised one as punycode), an IPv4 address, or an IPv6 address in
	 * brackets.
	 */
	private static String locationHost(String value) {
		try {
			return parseHost(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPolicyException(PREFIX + "host", value, ex.getMessage() + ".",
					"Write only the host to redirect to: a name (www.example.com) or an IP address (203.0.113.10, "
							+ "2001:db8::1), without scheme, port, path or spaces. The port is ${" + PREFIX
							+ "https-port}; the scheme is always https.");
		}
	}

	private static String parseHost(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c == 0x7f) {
				throw new IllegalArgumentException("it contains spaces or control characters");
			}
		}
		if (value.contains("://")) {
			throw new IllegalArgumentException("it has a scheme");
		}
		if (value.indexOf('@') >= 0) {
			throw new IllegalArgumentException("it has user information ('@')");
		}
		if (value.indexOf('/') >= 0 || value.indexOf('?') >= 0 || value.indexOf('#') >= 0) {
			throw new IllegalArgumentException("it has a path");
		}
		if (value.indexOf('*') >= 0) {
			throw new IllegalArgumentException("it has a '*'; a redirect goes to one host");
		}
		if (value.startsWith("[")) {
			int close = value.indexOf(']');
			if (close < 0) {
				throw new IllegalArgumentException("its brackets are unbalanced");
			}
			if (close != value.length() - 1) {
				throw new IllegalArgumentException(
						value.startsWith("]:", close) ? "it has a port" : "it has text after ']'");
			}
			return "[" + ipv6(value.substring(1, close)) + "]";
		}
		if (value.indexOf(':') != value.lastIndexOf(':')) {
			return "[" + ipv6(value) + "]";
		}
		if (value.indexOf(':') >= 0) {
			throw new IllegalArgumentException("it has a port");
		}
		if (HostNames.isDottedQuad(value)) {
			return value;
		}
		String name = HostNames.toAsciiName(value);
		if (HostNames.isIpLiteral(name)) {
			throw new IllegalArgumentException("it ends in a number but is not a dotted-quad IPv4 address");
		}
		return name;
	}

	private static String ipv6(String text) {
		if (!HostNames.hasIpv6Form(text)) {
			throw new IllegalArgumentException("it is not a valid IPv6 address");
		}
		InetAddresses.parseLiteral(text);
		return HostNames.toLowerAscii(text);
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
	 * without brackets); not used when the rule has a {@linkplain #host() host} of its
	 * own
	 * @param requestUri the request URI as received (still percent-encoded)
	 * @param query the query string as received, or {@code null}
	 * @return the HTTPS URL
	 */
	public String location(String host, String requestUri, String query) {
		StringBuilder location = new StringBuilder(16 + host.length() + requestUri.length()).append("https://");
		if (this.host != null) {
			location.append(this.host);
		}
		else if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
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
	 * The host every redirect goes to, as written in {@code Location} (an IPv6 address in
	 * brackets).
	 * @return the host, or {@code null} when each request is redirected to the host it
	 * was for
	 */
	public String host() {
		return this.host;
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
