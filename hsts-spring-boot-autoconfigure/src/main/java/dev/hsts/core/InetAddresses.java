package dev.hsts.core;

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
		Collector collector = new Collector();
		return parse(literal, collector) ? collector.address : null;
	}

	/**
	 * Whether a text is a valid literal for {@link #parseLiteral(String)}.
	 * @param literal the text
	 * @return whether it is a dotted-quad IPv4 or an IPv6 literal
	 */
	static boolean isLiteral(String literal) {
		return parse(literal, Valid.INSTANCE);
	}

	/**
	 * Parses a literal as {@link #parseLiteral(String)} does, and hands the address to a
	 * sink as numbers, so that nothing is allocated.
	 * @param literal the literal
	 * @param sink what to do with the address (an IPv4-mapped IPv6 address is handed over
	 * as IPv4)
	 * @return {@code false} if the text is not a valid IP literal, otherwise what the
	 * sink returned
	 */
	static boolean parse(String literal, Sink sink) {
		if (literal.indexOf(':') < 0) {
			long address = dottedQuad(literal, 0);
			return address >= 0 && sink.ipv4((int) address);
		}
		return parseIpv6(literal, sink);
	}

	private static boolean parseIpv6(String text, Sink sink) {
		int length = text.length();
		if (length < 2 || length > MAX_IPV6_LENGTH) {
			return false;
		}
		// The groups before the "::" (or all of them), each in its place, and those after
		// it, shifted in from the right: they end the address.
		long headHigh = 0;
		long headLow = 0;
		long tailHigh = 0;
		long tailLow = 0;
		int groups = 0;
		// The number of groups written before the "::", or -1 if there is none.
		int compressedAt = -1;
		int i = 0;
		if (text.charAt(0) == ':') {
			if (text.charAt(1) != ':') {
				return false;
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
				return false;
			}
			int count = 1;
			long bits = value;
			boolean last = false;
			if (i < length && text.charAt(i) == '.') {
				// A trailing dotted quad: the last two groups, and the end of the text.
				bits = (groups > 6) ? -1 : dottedQuad(text, start);
				if (bits < 0) {
					return false;
				}
				count = 2;
				last = true;
			}
			else if (groups == 8) {
				return false;
			}
			if (compressedAt >= 0) {
				int shift = count * 16;
				tailHigh = (tailHigh << shift) | (tailLow >>> (64 - shift));
				tailLow = (tailLow << shift) | bits;
			}
			else {
				// The groups end at bit (groups + count) * 16 of the address.
				int end = (groups + count) * 16;
				if (end <= 64) {
					headHigh |= bits << (64 - end);
				}
				else if (end - count * 16 >= 64) {
					headLow |= bits << (128 - end);
				}
				else {
					// A dotted quad across the halves: groups 3 and 4.
					headHigh |= bits >>> 16;
					headLow |= bits << 48;
				}
			}
			groups += count;
			if (last || i == length) {
				break;
			}
			if (text.charAt(i) != ':' || ++i == length) {
				// Not a separator, or a single trailing colon.
				return false;
			}
			if (text.charAt(i) == ':') {
				if (compressedAt >= 0) {
					return false;
				}
				compressedAt = groups;
				i++;
			}
		}
		if ((compressedAt < 0) ? groups != 8 : groups == 8) {
			// Eight groups without "::"; "::" stands for at least one group.
			return false;
		}
		long high = headHigh | tailHigh;
		long low = headLow | tailLow;
		if (high == 0 && (low >>> 32) == 0xffffL) {
			// ::ffff:0:0/96, IPv4-mapped
			return sink.ipv4((int) low);
		}
		return sink.ipv6(high, low);
	}

	/**
	 * Parses the text from {@code start} to its end as a strict dotted quad.
	 * @return the address as an unsigned 32-bit number, or -1 if it is not one
	 */
	private static long dottedQuad(String text, int start) {
		int length = text.length();
		int i = start;
		long address = 0;
		for (int part = 0; part < 4; part++) {
			if (part > 0) {
				if (i == length || text.charAt(i) != '.') {
					return -1;
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
				return -1;
			}
			address = (address << 8) | value;
		}
		return (i == length) ? address : -1;
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

	/** What to do with a parsed address. */
	interface Sink {

		/**
		 * Takes an IPv4 address (also one written IPv4-mapped).
		 * @param address the address, the first byte in the top bits
		 * @return the result of {@link InetAddresses#parse(String, Sink)}
		 */
		boolean ipv4(int address);

		/**
		 * Takes an IPv6 address that is not IPv4-mapped.
		 * @param high the first eight bytes, the first in the top bits
		 * @param low the last eight bytes
		 * @return the result of {@link InetAddresses#parse(String, Sink)}
		 */
		boolean ipv6(long high, long low);

	}

	/** Accepts every address: for validating. */
	private static final class Valid implements Sink {

		static final Valid INSTANCE = new Valid();

		@Override
		public boolean ipv4(int address) {
			return true;
		}

		@Override
		public boolean ipv6(long high, long low) {
			return true;
		}

	}

	/** Keeps the address as bytes in network order. */
	private static final class Collector implements Sink {

		private byte[] address;

		@Override
		public boolean ipv4(int address) {
			this.address = new byte[] { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
					(byte) address };
			return true;
		}

		@Override
		public boolean ipv6(long high, long low) {
			this.address = new byte[16];
			for (int i = 0; i < 8; i++) {
				this.address[i] = (byte) (high >>> (56 - 8 * i));
				this.address[8 + i] = (byte) (low >>> (56 - 8 * i));
			}
			return true;
		}

	}

}
