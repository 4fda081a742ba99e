package dev.hsts.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class AddressRangesTest {

	@Test
	void manyRangesAgreeWithAScanOfEveryRange() {
		Random random = new Random(20261128L);
		List<Range> ranges = new ArrayList<>();
		AddressRanges.Builder builder = AddressRanges.builder();
		for (int i = 0; i < 10_000; i++) {
			boolean ipv6 = random.nextBoolean();
			byte[] address = randomAddress(random, ipv6);
			int bits = address.length * 8;
			// A third are CIDR ranges of mixed lengths (/8 to /31, /16 to /127), the rest
			// single addresses.
			int prefixLength = (i % 3 == 0) ? (ipv6 ? 16 + random.nextInt(112) : 8 + random.nextInt(24)) : bits;
			Range range = new Range(mask(address, prefixLength), prefixLength);
			ranges.add(range);
			builder.add(range.network(), prefixLength);
		}
		AddressRanges set = builder.build();
		int inside = 0;
		int outside = 0;
		for (int i = 0; i < 6_000; i++) {
			Range near = ranges.get(random.nextInt(ranges.size()));
			byte[] address = switch (i % 3) {
				// Anywhere in a range, the first bit beyond its prefix included.
				case 0 -> randomHostBits(random, near);
				// Just outside a range: its last prefix bit flipped.
				case 1 -> flipBit(randomHostBits(random, near), Math.max(near.prefixLength() - 1, 0));
				default -> randomAddress(random, random.nextBoolean());
			};
			if (agreesWithAScan(set, ranges, address, random)) {
				inside++;
			}
			else {
				outside++;
			}
		}
		assertThat(inside).isGreaterThan(2_000);
		assertThat(outside).isGreaterThan(2_000);
	}

	@Test
	void nestedClusteredRangesOfEveryLengthAgreeWithAScanOfEveryRange() {
		// Ranges inside others are dropped and markers guide the search over the prefix
		// lengths: many small sets of ranges sharing leading bits, nested and of every
		// length, /0 now and then, probed near their edges.
		Random random = new Random(20261205L);
		int inside = 0;
		int outside = 0;
		for (int trial = 0; trial < 400; trial++) {
			byte[][] bases = { randomAddress(random, false), randomAddress(random, true) };
			int shared = random.nextInt(24);
			List<Range> ranges = new ArrayList<>();
			AddressRanges.Builder builder = AddressRanges.builder();
			int count = 1 + random.nextInt((trial % 4 == 0) ? 400 : 12);
			for (int i = 0; i < count; i++) {
				byte[] base = bases[random.nextInt(2)];
				int bits = base.length * 8;
				byte[] address = randomAddress(random, bits == 128);
				for (int bit = 0; bit < Math.min(shared, bits); bit++) {
					if (bit(address, bit) != bit(base, bit)) {
						flipBit(address, bit);
					}
				}
				int prefixLength = (random.nextInt(500) == 0) ? 0 : 1 + random.nextInt(bits);
				Range range = new Range(mask(address, prefixLength), prefixLength);
				ranges.add(range);
				builder.add(random.nextBoolean() ? range.network() : address, prefixLength);
			}
			AddressRanges set = builder.build();
			for (int i = 0; i < 60; i++) {
				Range near = ranges.get(random.nextInt(ranges.size()));
				byte[] address = switch (i % 4) {
					case 0 -> randomHostBits(random, near);
					case 1 -> flipBit(randomHostBits(random, near), Math.max(near.prefixLength() - 1, 0));
					case 2 -> randomHostBits(random, new Range(near.network(), Math.min(shared, near.prefixLength())));
					default -> randomAddress(random, random.nextBoolean());
				};
				if (agreesWithAScan(set, ranges, address, random)) {
					inside++;
				}
				else {
					outside++;
				}
			}
		}
		assertThat(inside).isGreaterThan(5_000);
		assertThat(outside).isGreaterThan(5_000);
	}

	/**
	 * Asserts that the set answers for an address, as text and as bytes, what a scan of
	 * every range answers.
	 * @return whether the address is in a range
	 */
	private static boolean agreesWithAScan(AddressRanges set, List<Range> ranges, byte[] address, Random random) {
		boolean expected = scan(ranges, address);
		String literal = format(address, random);
		assertThat(set.contains(literal)).as(literal).isEqualTo(expected);
		assertThat(set.contains(address)).as(literal).isEqualTo(expected);
		return expected;
	}

	@Test
	void aRangeInsideAnotherChangesNothing() {
		AddressRanges set = ranges("10.0.0.0/8", "10.1.0.0/16", "10.1.2.3", "192.0.2.0/24", "192.0.2.128/25",
				"2001:db8::/32", "2001:db8:1::/48", "2001:db8:1::1", "fd00::/8", "fd00::1:0/112");
		for (String inside : new String[] { "10.1.2.3", "10.1.2.4", "10.2.0.0", "10.255.255.255", "192.0.2.1",
				"192.0.2.200", "2001:db8:1::1", "2001:db8:1::2", "2001:db8:2::", "fd00::1:1", "fdff::" }) {
			assertThat(set.contains(inside)).as(inside).isTrue();
		}
		for (String outside : new String[] { "11.0.0.0", "9.255.255.255", "192.0.3.0", "192.0.1.255", "2001:db9::",
				"2001:db7:ffff::", "fe00::", "fc00::" }) {
			assertThat(set.contains(outside)).as(outside).isFalse();
		}
	}

	@Test
	void addressFamiliesNeverCross() {
		AddressRanges set = ranges("10.0.0.0/8", "fd00::/8");
		// 0x0a of aaa::4 and 0xfd of 253.1.2.3 agree with the other family's prefix.
		assertThat(set.contains("aaa::4")).isFalse();
		assertThat(set.contains("a00::")).isFalse();
		assertThat(set.contains("253.1.2.3")).isFalse();
		assertThat(set.contains("10.1.2.3")).isTrue();
		assertThat(set.contains("fd12::1")).isTrue();
		assertThat(ranges("10.0.0.0/8").contains("aaa::4")).isFalse();
		assertThat(ranges("fd00::/8").contains("253.1.2.3")).isFalse();
		assertThat(ranges("10.1.2.3").contains("a01:203::")).isFalse();
		assertThat(ranges("a01:203::").contains("10.1.2.3")).isFalse();
	}

	@Test
	void zeroLengthPrefixesCoverTheirWholeFamilyOnly() {
		AddressRanges ipv4 = ranges("0.0.0.0/0");
		assertThat(ipv4.contains("0.0.0.0")).isTrue();
		assertThat(ipv4.contains("255.255.255.255")).isTrue();
		assertThat(ipv4.contains("::ffff:192.0.2.7")).isTrue();
		assertThat(ipv4.contains("::")).isFalse();
		assertThat(ipv4.contains("::1")).isFalse();
		assertThat(ipv4.contains("fd00::1")).isFalse();
		AddressRanges ipv6 = ranges("::/0");
		assertThat(ipv6.contains("::")).isTrue();
		assertThat(ipv6.contains("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
		assertThat(ipv6.contains("::10.1.2.3")).isTrue();
		assertThat(ipv6.contains("0.0.0.0")).isFalse();
		assertThat(ipv6.contains("10.1.2.3")).isFalse();
		// An IPv4-mapped address is an IPv4 address (as it was with InetAddress and
		// IpAddressMatcher).
		assertThat(ipv6.contains("::ffff:10.1.2.3")).isFalse();
	}

	@Test
	void ipv4MappedAddressesAreIpv4Addresses() {
		AddressRanges set = ranges("10.0.0.0/8", "::ffff:192.0.2.7");
		assertThat(set.contains("::ffff:10.1.2.3")).isTrue();
		assertThat(set.contains("::ffff:a01:203")).isTrue();
		assertThat(set.contains("0:0:0:0:0:ffff:10.1.2.3")).isTrue();
		assertThat(set.contains("192.0.2.7")).isTrue();
		assertThat(set.contains("::ffff:c000:207")).isTrue();
		assertThat(set.contains("192.0.2.8")).isFalse();
		// IPv4-compatible and IPv4-translated addresses are IPv6 addresses.
		assertThat(set.contains("::10.1.2.3")).isFalse();
		assertThat(set.contains("::ffff:0:10.1.2.3")).isFalse();
	}

	@Test
	void singleAddressesAreFullLengthRanges() {
		AddressRanges set = ranges("192.0.2.7", "2001:db8::1");
		assertThat(set.contains("192.0.2.7")).isTrue();
		assertThat(set.contains("192.0.2.6")).isFalse();
		assertThat(set.contains("2001:db8::1")).isTrue();
		assertThat(set.contains("2001:db8:0:0:0:0:0:1")).isTrue();
		assertThat(set.contains("2001:DB8::1")).isTrue();
		assertThat(set.contains("2001:db8::")).isFalse();
		assertThat(set.contains("2001:db8::1:1")).isFalse();
	}

	@Test
	void rangeEdgesAreExact() {
		AddressRanges set = ranges("192.168.4.0/22", "2001:db8:8000::/33", "2001:db8::1:0/112");
		assertThat(set.contains("192.168.4.0")).isTrue();
		assertThat(set.contains("192.168.7.255")).isTrue();
		assertThat(set.contains("192.168.3.255")).isFalse();
		assertThat(set.contains("192.168.8.0")).isFalse();
		assertThat(set.contains("2001:db8:8000::")).isTrue();
		assertThat(set.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
		assertThat(set.contains("2001:db8:7fff:ffff:ffff:ffff:ffff:ffff")).isFalse();
		assertThat(set.contains("2001:db8::1:ffff")).isTrue();
		assertThat(set.contains("2001:db8::2:0")).isFalse();
	}

	@Test
	void textsThatAreNotAddressesAreInNoRange() {
		AddressRanges set = ranges("0.0.0.0/0", "::/0");
		for (String text : new String[] { "", "example.com", "10.1", "01.2.3.4", "1::2::3", "fe80::1%eth0", "[::1]",
				"::g", "12345::" }) {
			assertThat(set.contains(text)).as(text).isFalse();
		}
		assertThat(set.contains(new byte[5])).isFalse();
	}

	@Test
	void emptySetContainsNothing() {
		assertThat(AddressRanges.none().isEmpty()).isTrue();
		assertThat(AddressRanges.builder().build().isEmpty()).isTrue();
		assertThat(AddressRanges.none().contains("10.1.2.3")).isFalse();
		assertThat(AddressRanges.none().contains(new byte[16])).isFalse();
		assertThat(ranges("10.0.0.0/8").isEmpty()).isFalse();
	}

	@Test
	void bitsBeyondThePrefixAreIgnored() {
		AddressRanges set = AddressRanges.builder().add(new byte[] { 10, 1, 2, 3 }, 8).build();
		assertThat(set.contains("10.200.0.1")).isTrue();
		assertThat(set.contains("11.0.0.0")).isFalse();
	}

	@Test
	void refusesImpossibleRanges() {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRanges.builder().add(new byte[5], 0));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRanges.builder().add(new byte[4], 33));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRanges.builder().add(new byte[16], 129));
		assertThatIllegalArgumentException().isThrownBy(() -> AddressRanges.builder().add(new byte[4], -1));
	}

	@Test
	void hostPatternsKeepsTheRangesItHadWithIpAddressMatcher() {
		// An IPv4-mapped network with a prefix of at most 32 is the IPv4 range, as
		// before.
		HostPatterns mapped = HostPatterns.parse(List.of("::ffff:10.0.0.0/8"), "p");
		assertThat(mapped.matches("10.1.2.3")).isTrue();
		assertThat(mapped.matches("::ffff:10.1.2.3")).isTrue();
		assertThat(mapped.matches("11.1.2.3")).isFalse();
		assertThat(mapped.matches("::10.1.2.3")).isFalse();
		assertThat(HostPatterns.parse(List.of("[::ffff:192.0.2.7]"), "p").matches("192.0.2.7")).isTrue();
		// Longer, it was refused with IpAddressMatcher's message.
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> HostPatterns.parse(List.of("::ffff:10.0.0.0/104"), "p"))
			.withMessageContaining("IP address ::ffff:10.0.0.0 is too short for bitmask of length 104");
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> HostPatterns.parse(List.of("::ffff:10.1.0.0/8"), "p"))
			.withMessageContaining(
					"the address has bits set beyond the /8 prefix; write the network address of the range");
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> HostPatterns.parse(List.of("1::2::3/64"), "p"))
			.withMessageContaining("it is not a valid IP address");
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> HostPatterns.parse(List.of("fd00::/129"), "p"))
			.withMessageContaining("its CIDR prefix length must be a number from 0 to 128");
	}

	private static AddressRanges ranges(String... entries) {
		AddressRanges.Builder builder = AddressRanges.builder();
		for (String entry : entries) {
			int slash = entry.indexOf('/');
			byte[] address = InetAddresses.parseLiteral((slash >= 0) ? entry.substring(0, slash) : entry);
			builder.add(address, (slash >= 0) ? Integer.parseInt(entry.substring(slash + 1)) : address.length * 8);
		}
		return builder.build();
	}

	/** The plain way: every range, bit by bit. */
	private static boolean scan(List<Range> ranges, byte[] address) {
		for (Range range : ranges) {
			byte[] network = range.network();
			if (network.length == address.length && samePrefix(network, address, range.prefixLength())) {
				return true;
			}
		}
		return false;
	}

	private static boolean samePrefix(byte[] a, byte[] b, int bits) {
		for (int bit = 0; bit < bits; bit++) {
			if (bit(a, bit) != bit(b, bit)) {
				return false;
			}
		}
		return true;
	}

	private static int bit(byte[] address, int bit) {
		return (address[bit / 8] >>> (7 - bit % 8)) & 1;
	}

	private static byte[] flipBit(byte[] address, int bit) {
		address[bit / 8] ^= (byte) (0x80 >>> (bit % 8));
		return address;
	}

	private static byte[] mask(byte[] address, int prefixLength) {
		byte[] network = address.clone();
		for (int bit = prefixLength; bit < network.length * 8; bit++) {
			network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		return network;
	}

	private static byte[] randomHostBits(Random random, Range range) {
		byte[] address = randomAddress(random, range.network().length == 16);
		for (int bit = 0; bit < range.prefixLength(); bit++) {
			if (bit(address, bit) != bit(range.network(), bit)) {
				flipBit(address, bit);
			}
		}
		return address;
	}

	/**
	 * A random address; IPv6 ones are never IPv4-mapped, which would be looked up as
	 * IPv4.
	 */
	private static byte[] randomAddress(Random random, boolean ipv6) {
		byte[] address = new byte[ipv6 ? 16 : 4];
		random.nextBytes(address);
		if (ipv6 && random.nextInt(4) == 0) {
			// Runs of zero groups, for "::" in the literal.
			int from = 2 * random.nextInt(8);
			for (int i = from; i < Math.min(16, from + 2 * (1 + random.nextInt(4))); i++) {
				address[i] = 0;
			}
		}
		if (ipv6 && address[0] == 0) {
			address[0] = 1;
		}
		return address;
	}

	/**
	 * The address as text: dotted quad, or eight groups with the longest run of zeros
	 * compressed, in mixed case.
	 */
	private static String format(byte[] address, Random random) {
		if (address.length == 4) {
			return (address[0] & 0xff) + "." + (address[1] & 0xff) + "." + (address[2] & 0xff) + "."
					+ (address[3] & 0xff);
		}
		int[] groups = new int[8];
		for (int i = 0; i < 8; i++) {
			groups[i] = ((address[2 * i] & 0xff) << 8) | (address[2 * i + 1] & 0xff);
		}
		int bestStart = -1;
		int bestLength = 0;
		for (int i = 0; i < 8; i++) {
			int length = 0;
			while (i + length < 8 && groups[i + length] == 0) {
				length++;
			}
			if (length > bestLength) {
				bestStart = i;
				bestLength = length;
			}
		}
		boolean compress = bestLength > 0 && random.nextBoolean();
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			if (compress && i == bestStart) {
				text.append("::");
				i += bestLength - 1;
				continue;
			}
			if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
				text.append(':');
			}
			String group = Integer.toHexString(groups[i]);
			text.append(random.nextBoolean() ? group : group.toUpperCase(java.util.Locale.ROOT));
		}
		return text.toString();
	}

	private record Range(byte[] network, int prefixLength) {

	}

}
