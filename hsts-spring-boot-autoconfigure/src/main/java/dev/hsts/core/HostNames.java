package dev.hsts.core;

import java.net.IDN;

/**
 * How hosts are compared: ASCII lower case, one trailing dot dropped, IPv6 literals
 * without brackets, and internationalised names in their ASCII (punycode) form.
 */
final class HostNames {

	/** The longest host name DNS allows (RFC 1035, without the trailing dot). */
	public static final int MAX_NAME_LENGTH = 253;

	private HostNames() {
	}

	/**
	 * Brings a host as a server reports it (for example
	 * {@code HttpServletRequest#getServerName()}) into the form used for comparison.
	 * Cheap for the common case: a host that is already in lower case and has no trailing
	 * dot or brackets is returned as it is.
	 * @param host the host, without port
	 * @return the normalised host, or {@code ""} for {@code null}
	 */
	public static String normalize(String host) {
		if (host == null) {
			return "";
		}
		int start = 0;
		int end = host.length();
		if (end >= 2 && host.charAt(0) == '[' && host.charAt(end - 1) == ']') {
			start = 1;
			end--;
		}
		else if (end >= 2 && host.charAt(end - 1) == '.' && host.charAt(end - 2) != '.') {
			end--;
		}
		boolean lower = true;
		for (int i = start; i < end; i++) {
			char c = host.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				lower = false;
				break;
			}
		}
		String trimmed = (start == 0 && end == host.length()) ? host : host.substring(start, end);
		return lower ? trimmed : toLowerAscii(trimmed);
	}

	/**
	 * Lower-cases ASCII letters only. {@link String#toLowerCase(java.util.Locale)} would
	 * also fold characters such as the Kelvin sign (U+212A) into {@code k}, letting a
	 * non-ASCII host compare equal to an ASCII name.
	 * @param text the text
	 * @return the text with A-Z replaced by a-z
	 */
	public static String toLowerAscii(String text) {
		char[] chars = text.toCharArray();
		for (int i = 0; i < chars.length; i++) {
			char c = chars[i];
			if (c >= 'A' && c <= 'Z') {
				chars[i] = (char) (c + ('a' - 'A'));
			}
		}
		return new String(chars);
	}

	/**
	 * Whether a normalised host is an IP address literal as a browser reads it: any IPv6
	 * literal, and any host whose last label is a number (the WHATWG URL standard parses
	 * {@code 127.1} and {@code 0x7f.0.0.1} as IPv4). Browsers ignore HSTS for these.
	 * @param host a normalised host
	 * @return whether the host is an IP literal
	 */
	public static boolean isIpLiteral(String host) {
		if (host.indexOf(':') >= 0) {
			return true;
		}
		int end = host.length();
		if (end > 0 && host.charAt(end - 1) == '.') {
			end--;
		}
		int start = host.lastIndexOf('.', end - 1) + 1;
		if (start >= end) {
			return false;
		}
		if (end - start > 2 && host.charAt(start) == '0' && (host.charAt(start + 1) == 'x')) {
			for (int i = start + 2; i < end; i++) {
				if (Character.digit(host.charAt(i), 16) < 0) {
					return false;
				}
			}
			return true;
		}
		for (int i = start; i < end; i++) {
			char c = host.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether {@code text} is a dotted-quad IPv4 address ({@code 10.1.2.3}: four decimal
	 * parts of 0 to 255, no leading zeros). Stricter than {@link java.net.InetAddress},
	 * which also takes {@code 10.1}.
	 * @param text the text
	 * @return whether it is a dotted quad
	 */
	public static boolean isDottedQuad(String text) {
		int parts = 0;
		int i = 0;
		int length = text.length();
		while (i <= length) {
			int start = i;
			int value = 0;
			while (i < length && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				value = value * 10 + (text.charAt(i) - '0');
				i++;
				if (i - start > 3) {
					return false;
				}
			}
			int digits = i - start;
			if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
				return false;
			}
			parts++;
			if (i == length) {
				break;
			}
			if (text.charAt(i) != '.' || parts == 4) {
				return false;
			}
			i++;
		}
		return parts == 4;
	}

	/**
	 * Whether {@code text} has only the characters of an IPv6 literal (hex digits, colons
	 * and, for an embedded IPv4 part, dots), at least two colons, and starts with a hex
	 * digit or a colon: the texts worth handing to the IPv6 parser
	 * ({@link InetAddresses}).
	 * @param text the text, without brackets
	 * @return whether it has the form of an IPv6 literal
	 */
	public static boolean hasIpv6Form(String text) {
		if (text.isEmpty() || text.charAt(0) == '.') {
			// Not an address: an IPv6 literal starts with a hex digit or ':'.
			return false;
		}
		int colons = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == ':') {
				colons++;
			}
			else if (c != '.' && Character.digit(c, 16) < 0) {
				return false;
			}
		}
		return colons >= 2 && text.length() <= 45;
	}

	/**
	 * Converts a configured host name to its comparison form: lower case, one trailing
	 * dot dropped, internationalised labels as punycode; then checks it is a
	 * syntactically valid DNS name.
	 * @param name the configured name
	 * @return the normalised name
	 * @throws IllegalArgumentException with a sentence saying what is wrong
	 */
	public static String toAsciiName(String name) {
		String candidate = name;
		if (candidate.endsWith(".") && !candidate.endsWith("..")) {
			candidate = candidate.substring(0, candidate.length() - 1);
		}
		for (int i = 0; i < candidate.length(); i++) {
			if (candidate.charAt(i) > 0x7e) {
				if (hasIdnaDeviation(candidate)) {
					throw new IllegalArgumentException(
							"it contains a character (\u00df, \u03c2, ZWJ or ZWNJ) that the JDK "
									+ "(IDNA2003) and browsers (IDNA2008) convert differently; write the name in its ASCII (xn--) form");
				}
				try {
					candidate = IDN.toASCII(candidate, IDN.USE_STD3_ASCII_RULES);
				}
				catch (IllegalArgumentException ex) {
					throw new IllegalArgumentException("it is not a valid internationalised domain name");
				}
				break;
			}
		}
		candidate = toLowerAscii(candidate);
		checkDnsName(candidate);
		return candidate;
	}

	/**
	 * Whether a name contains one of the four "deviation" characters of UTS #46, which
	 * IDNA2003 (the JDK's {@link IDN}) maps away ({@code faß.de} to {@code fass.de}) but
	 * IDNA2008 and browsers encode ({@code xn--fa-hia.de}): comparing such a name in the
	 * JDK's ASCII form would not match what browsers send.
	 */
	private static boolean hasIdnaDeviation(String name) {
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c == '\u00df' || c == '\u03c2' || c == '\u200c' || c == '\u200d') {
				return true;
			}
		}
		return false;
	}

	private static void checkDnsName(String name) {
		if (name.isEmpty()) {
			throw new IllegalArgumentException("it is empty");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("it is longer than " + MAX_NAME_LENGTH + " characters");
		}
		int labelStart = 0;
		for (int i = 0; i <= name.length(); i++) {
			if (i == name.length() || name.charAt(i) == '.') {
				int labelLength = i - labelStart;
				if (labelLength == 0) {
					throw new IllegalArgumentException("it has an empty label");
				}
				if (labelLength > 63) {
					throw new IllegalArgumentException("it has a label longer than 63 characters");
				}
				if (name.charAt(labelStart) == '-' || name.charAt(i - 1) == '-') {
					throw new IllegalArgumentException("a label starts or ends with '-'");
				}
				labelStart = i + 1;
				continue;
			}
			char c = name.charAt(i);
			boolean allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
			if (!allowed) {
				throw new IllegalArgumentException("it contains '" + UntrustedText.escape(String.valueOf(c))
						+ "', which a host name cannot contain");
			}
		}
	}

}
