package dev.hsts.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * 000 allowed entries, a third each exact names, wildcards and CIDR ranges.
 *
 * <p>
 * {@link TrustedHosts} remembers the last host that passed, so that a request repeating
 * it (nearly every request of a single-host application) skips parsing and matching.
 * {@link #check()} measures the matching itself: it cycles through eight Host headers
 * that differ only in their port, so that no call finds the one before it remembered, and
 * each pays for the matching and for remembering its pass. {@link #checkSameHostAgain()}
 * is the remembered case.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class HostCheckBenchmark {

	@Param({ "10", "100", "1000", "10000" })
	public int entries;

	/**
	 * exact: an allowed exact name; deepWildcard: five labels under *.example.com;
	 * rejected: matches nothing.
	 */
	@Param({ "exact", "deepWildcard", "rejected" })
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
		this.serverName = switch (this.host) {
			case "exact" -> "api.example.com";
			case "deepWildcard" -> "a1.b2.c3.eu-west.example.com";
			case "rejected" -> "a1.b2.c3.eu-west.attacker.org";
			default -> throw new IllegalArgumentException(this.host);
		};
		this.hostHeaders = new String[8];
		boolean expected = !"rejected".equals(this.host);
		for (int i = 0; i < this.hostHeaders.length; i++) {
			this.hostHeaders[i] = this.serverName + ":" + (8443 + i);
			if (this.trustedHosts.check(this.hostHeaders[i], this.serverName).isEmpty() != expected) {
				throw new IllegalStateException(this.hostHeaders[i] + " should " + (expected ? "" : "not ") + "pass");
			}
		}
	}

	/**
	 * {@code n} entries: the three the hosts above need, then exact names, wildcards and
	 * /24 ranges in turn.
	 */
	static List<String> allowed(int n) {
		List<String> allowed = new ArrayList<>(n);
		allowed.add("api.example.com");
		allowed.add("*.example.com");
		allowed.add("10.0.0.0/8");
		for (int i = allowed.size(); i < n; i++) {
			switch (i % 3) {
				case 0 -> allowed.add("host" + i + ".service" + (i % 97) + ".example.org");
				case 1 -> allowed.add("*.tenant" + i + ".example.net");
				default -> allowed.add("172." + (16 + ((i >> 8) & 15)) + "." + (i & 255) + ".0/24");
			}
		}
		return allowed;
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
