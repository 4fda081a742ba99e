package dev.hsts.core;

import java.util.Arrays;

/**
 * Parses IP address literals by hand, never through {@link java.net.InetAddress}, which
 * takes some texts for host names and asks DNS, and is slow. The grammar is RFC 3986's
 * (section 3.2.2), which is also what browsers accept:
 * <ul>
 * <li>IPv4: a dotted quad, four decimal parts of 0 to 255 without leading zeros
 * ({@code 10.1.2.3}), as {@link HostNames#isDottedQuad(String)};</li>
 * <li>IPv6: groups of one to four hex digits separated by colons, at most eight, at most
 * one {@code ::} standing for one or more groups of zeros, and optionally a trailing
 * dotted quad in place of the last two groups ({@code 64:ff9b::192.0.2.33}); no zone id
 * ({@code %eth0}), no brackets.</li>
 * </ul>
 * An IPv4-mapped IPv6 address ({@code ::ffff:10.1.2.3}, {@code ::ffff:a01:203}) is the
 * IPv4 address, as {@link java.net.InetAddress#getByName(String)} has it.
 */
final class InetAddresses {

	/**
	 * The longest IPv6 literal: {@code ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255}.
	 */
	private static final int MAX_IPV6_LENGTH = 45;

	private InetAddresses() {
	}

	/**
	 * Parses a dotted-quad IPv4 or an IPv6 literal (without brackets).
	 * @param literal the literal
	 * @return the address in network byte order: 4 bytes for IPv4 and IPv4-mapped IPv6
	 * addresses, 16 for other IPv6 addresses
	 * @throws IllegalArgumentException if it is not such a literal
	 */
	static byte[] parseLiteral(String literal) {
		byte[] address = tryParse(literal);
		if (address == null) {
			boolean looksLikeOne = HostNames.isDottedQuad(literal) || HostNames.hasIpv6Form(literal);
			throw new IllegalArgumentException(
					looksLikeOne ? "it is not a valid IP address" : "it is not an IP address");
		}
		return address;
	}

	/**
	 * Parses a literal as {@link #parseLiteral(String)} does, without an exception for
	 * texts that are not one.
	 * @param literal the literal
	 * @return the address (4 or 16 bytes), or {@code null} if the text is not a valid IP
	 * literal
	 */
	static byte[] tryParse(String literal) {
		if (literal.indexOf(':') < 0) {
			byte[] address = new byte[4];
			return parseDottedQuad(literal, 0, address, 0) ? address : null;
		}
		return parseIpv6(literal);
	}

	private static byte[] parseIpv6(String text) {
		int length = text.length();
		if (length < 2 || length > MAX_IPV6_LENGTH) {
			return null;
		}
		byte[] address = new byte[16];
		int groups = 0;
		// The number of groups written before the "::", or -1 if there is none.
		int compressedAt = -1;
		int i = 0;
		if (text.charAt(0) == ':') {
			if (text.charAt(1) != ':') {
				return null;
			}
			compressedAt = 0;
			i = 2;
		}
		while (i < length) {
			int start = i;
			int value = 0;
			while (i < length && i - start <= 4) {
				int digit = hexDigit(text.charAt(i));
				if (digit < 0) {
					break;
				}
				value = (value << 4) | digit;
				i++;
			}
			int digits = i - start;
			if (digits == 0 || digits > 4) {
				return null;
			}
			if (i < length && text.charAt(i) == '.') {
				// A trailing dotted quad: the last two groups, and the end of the text.
				if (groups > 6 || !parseDottedQuad(text, start, address, groups * 2)) {
					return null;
				}
				groups += 2;
				break;
			}
			if (groups == 8) {
				return null;
			}
			address[groups * 2] = (byte) (value >>> 8);
			address[groups * 2 + 1] = (byte) value;
			groups++;
			if (i == length) {
				break;
			}
			if (text.charAt(i) != ':' || ++i == length) {
				// Not a separator, or a single trailing colon.
				return null;
			}
			if (text.charAt(i) == ':') {
				if (compressedAt >= 0) {
					return null;
				}
				compressedAt = groups;
				i++;
			}
		}
		if (compressedAt < 0) {
			if (groups != 8) {
				return null;
			}
		}
		else {
			if (groups == 8) {
				// "::" stands for at least one group.
				return null;
			}
			int tailBytes = (groups - compressedAt) * 2;
			System.arraycopy(address, compressedAt * 2, address, 16 - tailBytes, tailBytes);
			Arrays.fill(address, compressedAt * 2, 16 - tailBytes, (byte) 0);
		}
		return isIpv4Mapped(address) ? Arrays.copyOfRange(address, 12, 16) : address;
	}

	/** Whether the address is in {@code ::ffff:0:0/96}. */
	private static boolean isIpv4Mapped(byte[] address) {
		for (int i = 0; i < 10; i++) {
			if (address[i] != 0) {
				return false;
			}
		}
		return address[10] == (byte) 0xff && address[11] == (byte) 0xff;
	}

	/**
	 * Parses the text from {@code start} to its end as a strict dotted quad into four
	 * bytes of {@code into}.
	 * @return whether it is one
	 */
	private static boolean parseDottedQuad(String text, int start, byte[] into, int offset) {
		int length = text.length();
		int i = start;
		for (int part = 0; part < 4; part++) {
			if (part > 0) {
				if (i == length || text.charAt(i) != '.') {
					return false;
				}
				i++;
			}
			int partStart = i;
			int value = 0;
			while (i < length && i - partStart < 3 && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
				value = value * 10 + (text.charAt(i) - '0');
				i++;
			}
			int digits = i - partStart;
			if (digits == 0 || value > 255 || (digits > 1 && text.charAt(partStart) == '0')) {
				return false;
			}
			into[offset + part] = (byte) value;
		}
		return i == length;
	}

	/** The value of an ASCII hex digit, or -1. */
	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

}
