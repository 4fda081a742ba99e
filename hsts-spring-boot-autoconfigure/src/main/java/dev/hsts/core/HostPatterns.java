package dev.hsts.core;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A list of host patterns, parsed once and matched per request. An entry is one of:
 * <ul>
 * <li>an exact name, {@code api.example.com} (internationalised names are compared as
 * punycode);</li>
 * <li>a wildcard, {@code *.example.com}: any subdomain at any depth, but not
 * {@code example.com} itself (the suffix must end in a name: {@code *.0.1} is refused,
 * use a CIDR range for addresses);</li>
 * <li>an IPv4 or IPv6 address, {@code 10.1.2.3} or {@code ::1} (brackets allowed);</li>
 * <li>a CIDR range, {@code 10.0.0.0/8} or {@code fd00::/8};</li>
 * <li>{@code *}: every host.</li>
 * </ul>
 * Matching is case-insensitive and ignores one trailing dot. Addresses and ranges match
 * IP literals of their own family only; an IPv4-mapped IPv6 address
 * ({@code ::ffff:10.1.2.3}) is taken as the IPv4 address, both as an entry and as a host.
 * A look-up costs a hash probe for the name and one per dot in it; for a host that is an
 * IP literal, a binary search over the distinct prefix lengths among the configured
 * addresses and ranges of its family (a single address is a /32 or a /128): at most 6
 * hash probes for IPv4, 8 for IPv6 ({@link AddressRanges}), so neither grows with the
 * number of entries.
 */
final class HostPatterns {

	private static final HostPatterns NONE = new HostPatterns(List.of(), false, Set.of(), Set.of(),
			AddressRanges.none());

	private final List<String> entries;

	private final boolean any;

	private final Set<String> exactNames;

	/**
	 * The wildcard suffixes ({@code example.com} for {@code *.example.com}) in an
	 * open-addressing table indexed by their {@link String#hashCode()}, so a host's
	 * suffixes can be looked up as regions of the host, without a substring per dot;
	 * {@code null} when there are none.
	 */
	private final String[] wildcardSuffixes;

	private final AddressRanges addressRanges;

	private HostPatterns(List<String> entries, boolean any, Set<String> exactNames, Set<String> wildcardSuffixes,
			AddressRanges addressRanges) {
		this.entries = entries;
		this.any = any;
		this.exactNames = exactNames;
		this.wildcardSuffixes = suffixTable(wildcardSuffixes);
		this.addressRanges = addressRanges;
	}

	private static String[] suffixTable(Set<String> suffixes) {
		if (suffixes.isEmpty()) {
			return null;
		}
		// At most a quarter full: a power of two of at least four times the number of
		// suffixes.
		String[] table = new String[Integer.highestOneBit(suffixes.size() * 2 - 1) << 2];
		int mask = table.length - 1;
		for (String suffix : suffixes) {
			int slot = spread(suffix.hashCode()) & mask;
			while (table[slot] != null) {
				slot = (slot + 1) & mask;
			}
			table[slot] = suffix;
		}
		return table;
	}

	private static int spread(int hash) {
		return hash ^ (hash >>> 16);
	}

	/** No patterns: matches nothing. */
	public static HostPatterns none() {
		return NONE;
	}

	/**
	 * Parses and validates configured entries.
	 * @param entries the entries as configured
	 * @param property the property that holds them, for error messages (e.g.
	 * {@code hsts.excluded-hosts})
	 * @return the patterns
	 * @throws InvalidPolicyException naming {@code property[i]} for the first entry that
	 * is not valid
	 */
	public static HostPatterns parse(List<String> entries, String property) {
		if (entries == null || entries.isEmpty()) {
			return NONE;
		}
		boolean any = false;
		Set<String> exact = new HashSet<>();
		Set<String> wildcards = new HashSet<>();
		AddressRanges.Builder ranges = AddressRanges.builder();
		for (int i = 0; i < entries.size(); i++) {
			String entry = entries.get(i);
			String entryProperty = property + "[" + i + "]";
			try {
				if ("*".equals(entry)) {
					any = true;
				}
				else {
					addEntry(entry, exact, wildcards, ranges);
				}
			}
			catch (IllegalArgumentException ex) {
				throw new InvalidPolicyException(entryProperty, entry,
						"this host entry is not valid: " + ex.getMessage() + ".",
						"Use an exact name (api.example.com), a wildcard (*.example.com), an IP address (10.1.2.3, ::1), "
								+ "a CIDR range (10.0.0.0/8, fd00::/8) or *, without scheme, port, path or spaces.");
			}
		}
		return new HostPatterns(List.copyOf(entries), any, Set.copyOf(exact), Set.copyOf(wildcards), ranges.build());
	}

	private static void addEntry(String entry, Set<String> exact, Set<String> wildcards, AddressRanges.Builder ranges) {
		if (entry == null || entry.isEmpty()) {
			throw new IllegalArgumentException("it is empty");
		}
		for (int i = 0; i < entry.length(); i++) {
			char c = entry.charAt(i);
			if (c <= ' ' || c == 0x7f) {
				throw new IllegalArgumentException("it contains spaces or control characters");
			}
		}
		if (entry.contains("://")) {
			throw new IllegalArgumentException("it has a scheme");
		}
		if (entry.indexOf('@') >= 0) {
			throw new IllegalArgumentException("it has user information ('@')");
		}
		int slash = entry.indexOf('/');
		if (slash >= 0) {
			addRange(entry, slash, ranges);
			return;
		}
		if (entry.startsWith("[")) {
			if (!entry.endsWith("]")) {
				throw new IllegalArgumentException(
						entry.contains("]:") ? "it has a port" : "its brackets are unbalanced");
			}
			addAddress(requireIpv6(entry.substring(1, entry.length() - 1)), ranges);
			return;
		}
		if (entry.indexOf(':') >= 0) {
			if (!HostNames.hasIpv6Form(entry)) {
				throw new IllegalArgumentException("it has a port");
			}
			addAddress(requireIpv6(entry), ranges);
			return;
		}
		if (HostNames.isDottedQuad(entry)) {
			addAddress(InetAddresses.parseLiteral(entry), ranges);
			return;
		}
		if (entry.startsWith("*.")) {
			String suffix = HostNames.toAsciiName(entry.substring(2));
			if (suffix.indexOf('*') >= 0) {
				throw new IllegalArgumentException("only one leading '*.' is allowed");
			}
			if (HostNames.isIpLiteral(suffix)) {
				throw new IllegalArgumentException("a wildcard must end in a name, not a number; use a CIDR range "
						+ "(10.0.0.0/8) for IP addresses");
			}
			wildcards.add(suffix);
			return;
		}
		if (entry.indexOf('*') >= 0) {
			throw new IllegalArgumentException("'*' is only allowed alone or as a leading '*.'");
		}
		String name = HostNames.toAsciiName(entry);
		if (HostNames.isIpLiteral(name)) {
			throw new IllegalArgumentException("it ends in a number but is not a dotted-quad IPv4 address");
		}
		exact.add(name);
	}

	/**
	 * A single address: an IPv4 address (also when written IPv4-mapped) is a /32, an IPv6
	 * address a /128.
	 */
	private static void addAddress(byte[] address, AddressRanges.Builder ranges) {
		ranges.add(address, address.length * 8);
	}

	private static void addRange(String entry, int slash, AddressRanges.Builder ranges) {
		String address = entry.substring(0, slash);
		String prefix = entry.substring(slash + 1);
		boolean ipv4 = HostNames.isDottedQuad(address);
		if (!ipv4 && !HostNames.hasIpv6Form(address)) {
			throw new IllegalArgumentException("it has a path, or a CIDR range whose address is not an IP address");
		}
		byte[] bytes = ipv4 ? InetAddresses.parseLiteral(address) : requireIpv6(address);
		int maxBits = ipv4 ? 32 : 128;
		if (prefix.isEmpty() || prefix.length() > 3 || !allDigits(prefix) || Integer.parseInt(prefix) > maxBits) {
			throw new IllegalArgumentException("its CIDR prefix length must be a number from 0 to " + maxBits);
		}
		int bits = Integer.parseInt(prefix);
		for (int bit = bits; bit < bytes.length * 8; bit++) {
			if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
				throw new IllegalArgumentException("the address has bits set beyond the /" + bits
						+ " prefix; write the network address of the range");
			}
		}
		if (bits > bytes.length * 8) {
			// An IPv4-mapped address (::ffff:10.0.0.0) is the IPv4 address, which has 32
			// bits; the message is the
			// one Spring Security's IpAddressMatcher gave for this before.
			throw new IllegalArgumentException("IP address " + address + " is too short for bitmask of length " + bits);
		}
		ranges.add(bytes, bits);
	}

	/** The address of an IPv6 literal (4 bytes for an IPv4-mapped one). */
	private static byte[] requireIpv6(String text) {
		if (!HostNames.hasIpv6Form(text)) {
			throw new IllegalArgumentException("it is not a valid IPv6 address");
		}
		return InetAddresses.parseLiteral(text);
	}

	/**
	 * Whether a host, as a server reports it, matches one of the patterns.
	 * @param host the host without port, in any case, with or without brackets or a
	 * trailing dot
	 * @return whether it matches
	 */
	public boolean matches(String host) {
		return matchesNormalized(HostNames.normalize(host));
	}

	/**
	 * Whether a host already in {@link HostNames#normalize(String) normalised} form
	 * matches.
	 * @param host the normalised host
	 * @return whether it matches
	 */
	public boolean matchesNormalized(String host) {
		if (this.any) {
			return true;
		}
		if (host.isEmpty()) {
			return false;
		}
		if (HostNames.isDottedQuad(host) || HostNames.hasIpv6Form(host)) {
			return matchesAddress(host);
		}
		if (this.exactNames.contains(host)) {
			return true;
		}
		return this.wildcardSuffixes != null && host.charAt(0) != '.' && !host.contains("..") && matchesWildcard(host);
	}

	/**
	 * Whether the text after one of the host's dots is a wildcard suffix. Walks the host
	 * from the end, keeping the {@link String#hashCode()} of the suffix read so far, and
	 * probes the table at each dot: no allocation.
	 */
	private boolean matchesWildcard(String host) {
		int end = host.length();
		int hash = 0;
		int power = 1;
		for (int start = end - 1; start > 0; start--) {
			hash += host.charAt(start) * power;
			power *= 31;
			if (host.charAt(start - 1) == '.' && containsSuffix(host, start, hash)) {
				return true;
			}
		}
		return false;
	}

	private boolean containsSuffix(String host, int start, int hash) {
		String[] table = this.wildcardSuffixes;
		int mask = table.length - 1;
		int length = host.length() - start;
		for (int slot = spread(hash) & mask; table[slot] != null; slot = (slot + 1) & mask) {
			String suffix = table[slot];
			if (suffix.length() == length && suffix.hashCode() == hash && host.startsWith(suffix, start)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether an IP literal is one of the addresses or in one of the ranges: a binary
	 * search over the distinct prefix lengths of its family. A malformed literal is in
	 * none, without an exception or an allocation.
	 */
	private boolean matchesAddress(String host) {
		return this.addressRanges.contains(host);
	}

	/** Whether the list contains {@code *}. */
	public boolean allowsAny() {
		return this.any;
	}

	/** Whether the list is empty. */
	public boolean isEmpty() {
		return this.entries.isEmpty();
	}

	/** The entries as configured. */
	public List<String> entries() {
		return Collections.unmodifiableList(this.entries);
	}

	@Override
	public String toString() {
		return this.entries.toString();
	}

	/**
	 * Whether every character is a digit (a loop, not a stream: this runs at startup).
	 */
	private static boolean allDigits(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isDigit(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

}
