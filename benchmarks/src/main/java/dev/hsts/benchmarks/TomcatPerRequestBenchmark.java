package dev.hsts.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PerRequestBenchmark}'s six variants, filters and servlet on Tomcat's own request and response objects
 * ({@link TomcatExchange}) instead of Spring's mocks: what the same filters cost on the container the sample
 * application runs on. The same header set everywhere, checked at setup against the naive filter's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TomcatPerRequestBenchmark {

	private final TomcatExchange exchange = new TomcatExchange();

	private Servlet servlet;

	private Filter[] floor;

	private Filter[] naive;

	private Filter[] naiveSetIfAbsent;

	private Filter[] springSecurity;

	private Filter[] starter;

	private Filter[] starterHeadersOnly;

	@Setup
	public void setUp() throws Exception {
		this.servlet = new Requests.HealthServlet();
		this.floor = new Filter[0];
		this.naive = new Filter[] { new NaiveHeadersFilter(false) };
		this.naiveSetIfAbsent = new Filter[] { new NaiveHeadersFilter(true) };
		this.springSecurity = new Filter[] { PerRequestBenchmark.newHeaderWriterFilter() };
		this.starter = PerRequestBenchmark.starterFilters(true);
		this.starterHeadersOnly = PerRequestBenchmark.starterFilters(false);
		Map<String, List<String>> expected = headers(this.naive);
		check("naiveSetIfAbsent", expected, headers(this.naiveSetIfAbsent));
		check("springSecurity", expected, headers(this.springSecurity));
		check("starter", expected, headers(this.starter));
		check("starterHeadersOnly", expected, headers(this.starterHeadersOnly));
		if (!expected.containsKey("Strict-Transport-Security") || headers(this.floor).containsKey("Strict-Transport-Security")) {
			throw new IllegalStateException("HSTS must come from the filters only: " + expected);
		}
	}

	private Map<String, List<String>> headers(Filter[] filters) throws Exception {
		int status = this.exchange.run(this.servlet, filters);
		if (status != 200 || !this.exchange.committed()) {
			throw new IllegalStateException("Status " + status + ", committed " + this.exchange.committed());
		}
		return this.exchange.headers();
	}

	private static void check(String variant, Map<String, List<String>> expected, Map<String, List<String>> actual) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(variant + " writes " + actual + ", the naive filter " + expected);
		}
	}

	/** (1) No header filter at all. */
	@Benchmark
	public int floor() throws Exception {
		return this.exchange.run(this.servlet, this.floor);
	}

	/** (2) A hand-written OncePerRequestFilter that sets the headers on every response. */
	@Benchmark
	public int naiveFilter() throws Exception {
		return this.exchange.run(this.servlet, this.naive);
	}

	/** (2b) The hand-written filter, checking each header before setting it. */
	@Benchmark
	public int naiveFilterSetIfAbsent() throws Exception {
		return this.exchange.run(this.servlet, this.naiveSetIfAbsent);
	}

	/** (3) Spring Security's HeaderWriterFilter with the same writers. */
	@Benchmark
	public int springSecurityHeaderWriterFilter() throws Exception {
		return this.exchange.run(this.servlet, this.springSecurity);
	}

	/** (4) The starter: SecurityHeadersFilter and TrustedHostFilter, from the auto-configuration. */
	@Benchmark
	public int starter() throws Exception {
		return this.exchange.run(this.servlet, this.starter);
	}

	/** (4b) The starter without trusted hosts configured: the headers alone. */
	@Benchmark
	public int starterHeadersOnly() throws Exception {
		return this.exchange.run(this.servlet, this.starterHeadersOnly);
	}

}
