package dev.hsts.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.hsts.core.RejectionReason;
import dev.hsts.core.TrustedHosts;

/**
 * The per-request trusted-host check ({@link TrustedHosts#check(String, String)}: the raw
 * Host header and the server name, as {@code TrustedHostCheck} calls it) against 10 to 10
 * 000 allowed entries, a third each exact names, wildcards and CIDR ranges (see
 * {@link #allowed(int)}), for seven kinds of host:
 * <ul>
 * <li>{@code exact}: an allowed exact name ({@code api.example.com});</li>
 * <li>{@code deepWildcard}: five labels under an allowed {@code *.example.com};</li>
 * <li>{@code rejected}: a name that matches nothing;</li>
 * <li>{@code ipv4Inside}, {@code ipv6Inside}: an IPv4 literal ({@code 203.0.113.9}) and
 * an IPv6 literal ({@code [2001:db8:4000:12::9]}) inside a range allowed at every
 * size;</li>
 * <li>{@code ipv4Outside}, {@code ipv6Outside}: an IPv4 ({@code 198.51.100.77}) and an
 * IPv6 literal ({@code [2001:db8:ffff::77]}) outside every range: they are refused after
 * a look-up in every prefix length of their family.</li>
 * </ul>
 * {@link #setUp()} checks that every kind gets its verdict at every size before anything
 * is timed.
 *
 * <p>
 * {@link TrustedHosts} remembers the last host that passed, so that a request repeating
 * it (nearly every request of a single-host application) skips parsing and matching.
 * {@link #check()} measures the matching itself: it cycles through eight Host headers
 * that differ only in their port, so that no call finds the one before it remembered, and
 * each pays for the matching and for remembering its pass. {@link #checkSameHostAgain()}
 * is the remembered case (meaningful for the kinds that pass; a refused host is never
 * remembered, so for those it is {@link #check()} with one Host header).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostCheckBenchmark {

	/** The kinds of host, in the order the {@code host} parameter lists them. */
	static final String[] KINDS = { "exact", "deepWildcard", "rejected", "ipv4Inside", "ipv4Outside", "ipv6Inside",
			"ipv6Outside" };

	/** The IPv4 range, allowed at every size, that {@code ipv4Inside} is in. */
	static final String IPV4_RANGE = "203.0.113.0/24";

	/** The IPv6 range, allowed at every size, that {@code ipv6Inside} is in. */
	static final String IPV6_RANGE = "2001:db8:4000::/48";

	private static final byte[] IPV4_OUTSIDE = { (byte) 198, 51, 100, 77 };

	private static final byte[] IPV6_OUTSIDE = { 0x20, 0x01, 0x0d, (byte) 0xb8, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0,
			0, 0, 0, 0, 0x77 };

	@Param({ "10", "100", "1000", "10000" })
	public int entries;

	@Param({ "exact", "deepWildcard", "rejected", "ipv4Inside", "ipv4Outside", "ipv6Inside", "ipv6Outside" })
	public String host;

	private TrustedHosts trustedHosts;

	/**
	 * The same host with eight different ports: consecutive calls of {@link #check()}
	 * never repeat a Host header.
	 */
	private String[] hostHeaders;

	private int next;

	private String serverName;

	@Setup
	public void setUp() {
		this.trustedHosts = TrustedHosts.of(allowed(this.entries), List.of());
		// The server name as Tomcat reports it: the Host header's host, an IPv6 literal
		// in brackets.
		this.serverName = switch (this.host) {
			case "exact" -> "api.example.com";
			case "deepWildcard" -> "a1.b2.c3.eu-west.example.com";
			case "rejected" -> "a1.b2.c3.eu-west.attacker.org";
			case "ipv4Inside" -> "203.0.113.9";
			case "ipv4Outside" -> "198.51.100.77";
			case "ipv6Inside" -> "[2001:db8:4000:12::9]";
			case "ipv6Outside" -> "[2001:db8:ffff::77]";
			default -> throw new IllegalArgumentException(this.host);
		};
		this.hostHeaders = new String[8];
		boolean expected = !this.host.equals("rejected") && !this.host.endsWith("Outside");
		for (int i = 0; i < this.hostHeaders.length; i++) {
			this.hostHeaders[i] = this.serverName + ":" + (8443 + i);
			if (this.trustedHosts.check(this.hostHeaders[i], this.serverName).isEmpty() != expected) {
				throw new IllegalStateException(this.hostHeaders[i] + " should " + (expected ? "" : "not ") + "pass");
			}
		}
	}

	/**
	 * {@code n} entries: the four the hosts above need ({@code api.example.com},
	 * {@code *.example.com}, {@link #IPV4_RANGE}, {@link #IPV6_RANGE}), then exact names,
	 * wildcards and ranges in turn, so that about a third are ranges at every size. The
	 * ranges alternate between IPv4 and IPv6, their prefix lengths run through /8 to /32
	 * and /32 to /128 (a single address being a /32 or a /128), with few short prefixes
	 * (at most 2^(p - 8) IPv4 ranges of length p, 2^(p - 32) IPv6), so that a larger list
	 * has more distinct lengths, as a large real allow-list has (10 entries: IPv4 /8 and
	 * /24, IPv6 /32 and /48; 100: 17 lengths of each family; 1 000 and 10 000: all 25
	 * IPv4 and all 97 IPv6 lengths). Their networks are random (seeded) in the public
	 * IPv4 space and in {@code 2000::/3}, none containing the outside addresses.
	 */
	static List<String> allowed(int n) {
		List<String> allowed = new ArrayList<>(n);
		allowed.add("api.example.com");
		allowed.add("*.example.com");
		allowed.add(IPV4_RANGE);
		allowed.add(IPV6_RANGE);
		Random random = new Random(20261204L);
		int[] ipv4Lengths = new int[33];
		int[] ipv6Lengths = new int[129];
		int ranges = 0;
		for (int i = allowed.size(); i < n; i++) {
			switch (i % 3) {
				case 0 -> allowed.add("host" + i + ".service" + (i % 97) + ".example.org");
				case 1 -> allowed.add("*.tenant" + i + ".example.net");
				default -> {
					boolean ipv6 = (ranges & 1) == 1;
					int shortest = ipv6 ? 32 : 8;
					int lengths = ipv6 ? 97 : 25;
					int[] counts = ipv6 ? ipv6Lengths : ipv4Lengths;
					int prefixLength = shortest + (ranges >> 1) % lengths;
					// Few short prefixes: at most 2^(p - shortest) of length p.
					while (prefixLength - shortest < 30 && counts[prefixLength] >= 1 << (prefixLength - shortest)) {
						prefixLength = shortest + (prefixLength - shortest + 1) % lengths;
					}
					counts[prefixLength]++;
					allowed.add(range(random, ipv6, prefixLength));
					ranges++;
				}
			}
		}
		return allowed;
	}

	/** A random range of the family and prefix length that leaves out both outsiders. */
	private static String range(Random random, boolean ipv6, int prefixLength) {
		byte[] network = new byte[ipv6 ? 16 : 4];
		do {
			random.nextBytes(network);
			if (ipv6) {
				// 2000::/3, global unicast
				network[0] = (byte) (0x20 | (network[0] & 0x1f));
			}
			else {
				// 1.0.0.0 to 223.255.255.255 but 10/8, 127/8: public unicast (mostly)
				network[0] = (byte) (1 + Math.floorMod(network[0], 223));
			}
			for (int bit = prefixLength; bit < network.length * 8; bit++) {
				network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
			}
		}
		while (network[0] == 10 || network[0] == 127
				|| samePrefix(network, ipv6 ? IPV6_OUTSIDE : IPV4_OUTSIDE, prefixLength));
		StringBuilder text = new StringBuilder();
		if (ipv6) {
			for (int i = 0; i < 16; i += 2) {
				text.append((i > 0) ? ":" : "")
					.append(Integer.toHexString(((network[i] & 0xff) << 8) | (network[i + 1] & 0xff)));
			}
		}
		else {
			for (int i = 0; i < 4; i++) {
				text.append((i > 0) ? "." : "").append(network[i] & 0xff);
			}
		}
		return text.append('/').append(prefixLength).toString();
	}

	private static boolean samePrefix(byte[] a, byte[] b, int bits) {
		for (int bit = 0; bit < bits; bit++) {
			int mask = 0x80 >>> (bit % 8);
			if ((a[bit / 8] & mask) != (b[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	/** A Host header other than the previous call's: parsed and matched. */
	@Benchmark
	public Optional<RejectionReason> check() {
		this.next = (this.next + 1) & 7;
		return this.trustedHosts.check(this.hostHeaders[this.next], this.serverName);
	}

	/** The previous call's Host header again: remembered, unless it was refused. */
	@Benchmark
	public Optional<RejectionReason> checkSameHostAgain() {
		return this.trustedHosts.check(this.hostHeaders[0], this.serverName);
	}

}
