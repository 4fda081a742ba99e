package dev.hsts.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.Filter;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * {@link PerRequestBenchmark}'s six {@link Variants}, filters and servlet on Tomcat's own
 * request and response objects ({@link TomcatExchange}) instead of Spring's mocks: what
 * the same filters cost on the container the sample application runs on. The same header
 * set everywhere, checked at setup against the naive filter's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TomcatPerRequestBenchmark {

	private final TomcatExchange exchange = new TomcatExchange();

	private Variants variants;

	@Setup
	public void setUp() throws Exception {
		this.variants = new Variants();
		this.variants.check(this::headers);
	}

	private Map<String, List<String>> headers(Filter[] filters) throws Exception {
		int status = this.exchange.run(this.variants.servlet, filters);
		if (status != 200 || !this.exchange.committed()) {
			throw new IllegalStateException("Status " + status + ", committed " + this.exchange.committed());
		}
		return this.exchange.headers();
	}

	/** (1) No header filter at all. */
	@Benchmark
	public int floor() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.floor);
	}

	/**
	 * (2) A hand-written OncePerRequestFilter that sets the headers on every response.
	 */
	@Benchmark
	public int naiveFilter() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.naive);
	}

	/** (2b) The hand-written filter, checking each header before setting it. */
	@Benchmark
	public int naiveFilterSetIfAbsent() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.naiveSetIfAbsent);
	}

	/** (3) Spring Security's HeaderWriterFilter with the same writers. */
	@Benchmark
	public int springSecurityHeaderWriterFilter() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.springSecurity);
	}

	/**
	 * (4) The starter: SecurityHeadersFilter and TrustedHostFilter, from the
	 * auto-configuration.
	 */
	@Benchmark
	public int starter() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.starter);
	}

	/** (4b) The starter without trusted hosts configured: the headers alone. */
	@Benchmark
	public int starterHeadersOnly() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.starterHeadersOnly);
	}

}
