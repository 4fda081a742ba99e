package dev.hsts.core;

import java.util.Locale;

/**
 * A strictly parsed {@code Host} header value (RFC 9110 section 7.2:
 * {@code uri-host [ ":" port ]}), or the reason it is malformed.
 *
 * <p>
 * Accepted: a host name of ASCII letters, digits and {@code -} in dot-separated labels of
 * 1 to 63 characters that neither start nor end with {@code -} (253 characters at most,
 * one trailing dot allowed); a dotted-quad IPv4 address; an IPv6 address in brackets;
 * each optionally followed by {@code :port} with a port from 1 to 65535 written without
 * leading zeros. Everything else is malformed: a missing or empty value, more than 255
 * characters, spaces, control or non-ASCII characters, user information ({@code a@b}),
 * percent-encoding, {@code _} (not allowed in host names by RFC 1123, and refused by
 * Tomcat too), an empty label, unbalanced brackets, an IPv6 address without brackets, an
 * empty, non-numeric or out-of-range port. Never resolves a name.
 *
 * <p>
 * The parsed host is in comparison form ({@link HostNames#normalize(String)}): lower
 * case, without the trailing dot and, for IPv6, without brackets.
 */
final class HostHeader {

	/** The longest value accepted. */
	public static final int MAX_LENGTH = 255;

	private final String host;

	private final int port;

	private final String problem;

	private HostHeader(String host, int port, String problem) {
		this.host = host;
		this.port = port;
		this.problem = problem;
	}

	private static HostHeader malformed(String problem) {
		return new HostHeader(null, -1, problem);
	}

	/**
	 * Parses a {@code Host} header value (or the authority of a forwarded host): a host
	 * and an optional port.
	 * @param value the raw value, may be {@code null}
	 * @return the parsed value; check {@link #isValid()}
	 */
	public static HostHeader parse(String value) {
		return parse(value, true);
	}

	/**
	 * Parses a host as a server reports it ({@code HttpServletRequest#getServerName()}):
	 * like {@link #parse(String)}, and an IPv6 address may also come without brackets.
	 * @param serverName the host, may be {@code null}
	 * @return the parsed value; check {@link #isValid()}
	 */
	public static HostHeader parseServerName(String serverName) {
		if (serverName != null && serverName.indexOf('[') < 0 && serverName.indexOf(':') != serverName.lastIndexOf(':')
				&& HostNames.hasIpv6Form(serverName)) {
			return parse("[" + serverName + "]", false);
		}
		return parse(serverName, true);
	}

	private static HostHeader parse(String value, boolean allowPort) {
		HostHeader plain = (value != null) ? parsePlainName(value, allowPort) : null;
		return (plain != null) ? plain : parseFully(value, allowPort);
	}

	/**
	 * The common case in one pass over the value, allocating nothing but the host (when
	 * there is a port) and the result: a host name of ASCII letters, digits and {@code -}
	 * in dot-separated labels of 1 to 63 characters that neither start nor end with
	 * {@code -}, 253 characters at most, without a trailing dot, optionally followed by
	 * {@code :port} (where a port is allowed). Anything else gives {@code null}, and
	 * {@link #parseFully(String, boolean)} reads it; for what this accepts, it gives what
	 * that gives.
	 * @param value the raw value, not {@code null}
	 * @param allowPort whether a port may follow
	 * @return the parsed value, or {@code null} when the value is not of that form
	 */
	static HostHeader parsePlainName(String value, boolean allowPort) {
		int length = value.length();
		if (length > MAX_LENGTH) {
			return null;
		}
		boolean upperCase = false;
		int labelStart = 0;
		int end = 0;
		while (end < length) {
			char c = value.charAt(end);
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				end++;
			}
			else if (c == '.') {
				if (end == labelStart || end - labelStart > 63 || value.charAt(end - 1) == '-') {
					return null;
				}
				labelStart = ++end;
			}
			else if (c == '-') {
				if (end == labelStart) {
					return null;
				}
				end++;
			}
			else if (c >= 'A' && c <= 'Z') {
				upperCase = true;
				end++;
			}
			else if (c == ':') {
				break;
			}
			else {
				return null;
			}
		}
		// An empty name or last label (a trailing dot), a last label too long or ending
		// with '-', a name too long: the full parse says which.
		if (end == labelStart || end - labelStart > 63 || value.charAt(end - 1) == '-'
				|| end > HostNames.MAX_NAME_LENGTH) {
			return null;
		}
		int port = -1;
		if (end < length) {
			port = allowPort ? parsePort(value, end + 1) : -1;
			if (port < 0) {
				return null;
			}
		}
		String name = (end == length) ? value : value.substring(0, end);
		return new HostHeader(upperCase ? HostNames.toLowerAscii(name) : name, port, null);
	}

	/**
	 * Parses any value, with the reason when it is malformed.
	 * @param value the raw value, may be {@code null}
	 * @param allowPort whether a port may follow the host
	 * @return the parsed value
	 */
	static HostHeader parseFully(String value, boolean allowPort) {
		if (value == null) {
			return malformed("it is missing");
		}
		int length = value.length();
		if (length == 0) {
			return malformed("it is empty");
		}
		if (length > MAX_LENGTH) {
			return malformed("it is longer than " + MAX_LENGTH + " characters");
		}
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c <= ' ' || c >= 0x7f) {
				return malformed("it contains spaces, control characters or non-ASCII characters");
			}
			if (c == '@') {
				return malformed("it contains user information ('@')");
			}
		}
		if (value.charAt(0) == '[') {
			return parseBracketed(value, allowPort);
		}
		if (value.indexOf('[') >= 0 || value.indexOf(']') >= 0) {
			return malformed("its brackets are unbalanced");
		}
		int colon = value.indexOf(':');
		String name = value;
		int port = -1;
		if (colon >= 0) {
			if (value.indexOf(':', colon + 1) >= 0) {
				return malformed("it has more than one ':' (an IPv6 address must be in brackets)");
			}
			port = allowPort ? parsePort(value, colon + 1) : -1;
			if (port < 0) {
				return malformed(portProblem(allowPort));
			}
			name = value.substring(0, colon);
		}
		String problem = checkName(name);
		if (problem != null) {
			return malformed(problem);
		}
		return new HostHeader(HostNames.normalize(name), port, null);
	}

	private static HostHeader parseBracketed(String value, boolean allowPort) {
		int close = value.indexOf(']');
		if (close < 0 || value.indexOf('[', 1) >= 0 || value.indexOf(']', close + 1) >= 0) {
			return malformed("its brackets are unbalanced");
		}
		String address = value.substring(1, close);
		int port = -1;
		if (close + 1 < value.length()) {
			if (value.charAt(close + 1) != ':') {
				return malformed("it has text after ']'");
			}
			port = allowPort ? parsePort(value, close + 2) : -1;
			if (port < 0) {
				return malformed(portProblem(allowPort));
			}
		}
		if (!HostNames.hasIpv6Form(address)) {
			return malformed("the text in brackets is not an IPv6 address");
		}
		if (!InetAddresses.isLiteral(address)) {
			return malformed("the text in brackets is not an IPv6 address");
		}
		return new HostHeader(address.toLowerCase(Locale.ROOT), port, null);
	}

	/**
	 * What is wrong with a port that {@link #parsePort(String, int)} refused, or with one
	 * that should not be there at all.
	 */
	private static String portProblem(boolean allowPort) {
		return allowPort ? "its port is not a number from 1 to 65535" : "it has a port";
	}

	/**
	 * The port from {@code start} to the end: 1 to 65535, digits only, no leading zero;
	 * -1 if not.
	 */
	private static int parsePort(String value, int start) {
		int digits = value.length() - start;
		if (digits < 1 || digits > 5 || value.charAt(start) == '0') {
			return -1;
		}
		int port = 0;
		for (int i = start; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			port = port * 10 + (c - '0');
		}
		return (port <= 65535) ? port : -1;
	}

	/** What is wrong with a host name (ASCII, not yet lower case), or {@code null}. */
	private static String checkName(String name) {
		int end = name.length();
		if (end > 0 && name.charAt(end - 1) == '.') {
			end--;
		}
		if (end == 0) {
			return "its host is empty";
		}
		if (end > HostNames.MAX_NAME_LENGTH) {
			return "its host is longer than " + HostNames.MAX_NAME_LENGTH + " characters";
		}
		int labelStart = 0;
		for (int i = 0; i <= end; i++) {
			if (i == end || name.charAt(i) == '.') {
				int labelLength = i - labelStart;
				if (labelLength == 0) {
					return "its host has an empty label";
				}
				if (labelLength > 63) {
					return "its host has a label longer than 63 characters";
				}
				if (name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
					return "a label of its host starts or ends with '-'";
				}
				labelStart = i + 1;
				continue;
			}
			char c = name.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
			if (!allowed) {
				return "its host contains a character a host name cannot contain";
			}
		}
		return null;
	}

	/** Whether the value is well-formed. */
	public boolean isValid() {
		return this.problem == null;
	}

	/**
	 * The host in comparison form: lower case, without a trailing dot or brackets.
	 * @return the host, or {@code null} when malformed
	 */
	public String host() {
		return this.host;
	}

	/** The port, or -1 when there is none (or the value is malformed). */
	public int port() {
		return this.port;
	}

	/**
	 * What is wrong with the value, as a phrase ("it contains user information ('@')"),
	 * or {@code null}.
	 */
	public String problem() {
		return this.problem;
	}

	@Override
	public String toString() {
		return isValid() ? ("[".concat(this.host).concat((this.port >= 0) ? "]:" + this.port : "]"))
				: "malformed: " + this.problem;
	}

}
