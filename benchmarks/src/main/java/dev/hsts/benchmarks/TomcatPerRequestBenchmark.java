package dev.hsts.benchmarks;

import java.util.LinkedHashMap;
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

	/**
	 * The calls one request makes of the request's attribute and header methods and of
	 * the response's header methods, per variant (the second request of each).
	 * @return the calls by variant
	 */
	Map<String, Map<String, Integer>> calls() throws Exception {
		Map<String, Filter[]> variants = new LinkedHashMap<>();
		variants.put("floor", this.variants.floor);
		variants.put("naiveFilterSetIfAbsent", this.variants.naiveSetIfAbsent);
		variants.put("springSecurityHeaderWriterFilter", this.variants.springSecurity);
		variants.put("starter", this.variants.starter);
		variants.put("naiveInSpringSecurityChain", this.variants.naiveInSpringSecurityChain);
		variants.put("starterInSpringSecurityChain", this.variants.starterInSpringSecurityChain);
		Map<String, Map<String, Integer>> calls = new LinkedHashMap<>();
		for (Map.Entry<String, Filter[]> variant : variants.entrySet()) {
			this.exchange.calls(this.variants.servlet, variant.getValue());
			calls.put(variant.getKey(), this.exchange.calls(this.variants.servlet, variant.getValue()));
		}
		return calls;
	}

	/** (5) The hand-written filter before Spring Security's default chain. */
	@Benchmark
	public int naiveInSpringSecurityChain() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.naiveInSpringSecurityChain);
	}

	/**
	 * (6) The starter's filters before Spring Security's default chain, built with it.
	 */
	@Benchmark
	public int starterInSpringSecurityChain() throws Exception {
		return this.exchange.run(this.variants.servlet, this.variants.starterInSpringSecurityChain);
	}

}
