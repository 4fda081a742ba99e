package dev.hsts.benchmarks;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;

/**
 * The WebFlux twin of {@link PerRequestBenchmark}: one full exchange ({@code GET
 * https://api.example.com/v1/health}, a trivial handler writing a JSON body) through a
 * WebFilter chain with, in turn, each of the {@link ReactiveVariants}: no header filter
 * (the floor); a hand-written WebFilter; Spring Security's
 * {@link HttpHeaderWriterWebFilter}; the starter's WebFilters as its auto-configuration
 * builds them (headers and trusted-host check; and headers only). The same header set
 * everywhere, checked at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ReactivePerRequestBenchmark {

	private ReactiveVariants variants;

	@Setup
	public void setUp() {
		this.variants = new ReactiveVariants();
		this.variants.check();
	}

	/** (1) No header filter: the request, the response, the exchange, the handler. */
	@Benchmark
	public MockServerHttpResponse floor() {
		return ReactiveVariants.run(this.variants.floor);
	}

	/** (2) A hand-written WebFilter that sets the headers before the chain. */
	@Benchmark
	public MockServerHttpResponse naiveWebFilter() {
		return ReactiveVariants.run(this.variants.naive);
	}

	/** (2b) The same, checking each header first (set-if-absent). */
	@Benchmark
	public MockServerHttpResponse naiveWebFilterSetIfAbsent() {
		return ReactiveVariants.run(this.variants.naiveSetIfAbsent);
	}

	/**
	 * (3) Spring Security's HttpHeaderWriterWebFilter with a composite of the same
	 * writers.
	 */
	@Benchmark
	public MockServerHttpResponse springSecurityHeaderWriterWebFilter() {
		return ReactiveVariants.run(this.variants.springSecurity);
	}

	/**
	 * (4) The starter: SecurityHeadersWebFilter and TrustedHostWebFilter, from the
	 * auto-configuration, run as one entry of the chain as in an application.
	 */
	@Benchmark
	public MockServerHttpResponse starter() {
		return ReactiveVariants.run(this.variants.starter);
	}

	/**
	 * (4b) The starter without trusted hosts configured: the headers, and the
	 * trusted-host filter passing every exchange on (as in an application, in the same
	 * entry).
	 */
	@Benchmark
	public MockServerHttpResponse starterHeadersOnly() {
		return ReactiveVariants.run(this.variants.starterHeadersOnly);
	}

	/**
	 * (4c) The starter's headers alone without its {@code HttpHandler} decorator: the
	 * commit pass as a {@code beforeCommit} action.
	 */
	@Benchmark
	public MockServerHttpResponse starterHeadersOnlyBeforeCommit() {
		return ReactiveVariants.run(this.variants.starterHeadersOnlyBeforeCommit);
	}

}
