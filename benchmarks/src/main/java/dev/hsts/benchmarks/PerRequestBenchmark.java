package dev.hsts.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * One full request ({@code GET https://api.example.com/v1/health}, a trivial JSON
 * servlet) through a real {@link MockFilterChain} with, in turn, each of the
 * {@link Variants}: no header filter (the floor); a hand-written filter; Spring
 * Security's {@link HeaderWriterFilter}; the starter's filters as its auto-configuration
 * builds them (headers and trusted-host check; and headers only). The same header set
 * everywhere, checked at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerRequestBenchmark {

	private Variants variants;

	@Setup
	public void setUp() throws Exception {
		this.variants = new Variants();
		this.variants.check(this::headers);
	}

	private Map<String, List<String>> headers(Filter[] filters) throws Exception {
		MockHttpServletResponse response = run(filters);
		if (response.getStatus() != 200) {
			throw new IllegalStateException("Status " + response.getStatus());
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		for (String name : response.getHeaderNames()) {
			headers.put(name, response.getHeaders(name));
		}
		return headers;
	}

	private MockHttpServletResponse run(Filter[] filters) throws Exception {
		return run(this.variants.servlet, filters);
	}

	/** The variants this benchmark runs. */
	Variants variants() {
		return this.variants;
	}

	/**
	 * One request through the filters to a servlet.
	 * @param servlet the servlet
	 * @param filters the filters, as a variant has them
	 * @return the response
	 */
	MockHttpServletResponse run(Servlet servlet, Filter[] filters) throws Exception {
		MockHttpServletRequest request = Requests.secureApiRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(servlet, filters).doFilter(request, response);
		return response;
	}

	/**
	 * (1) No header filter at all: the request, the response, the chain and the servlet.
	 */
	@Benchmark
	public MockHttpServletResponse floor() throws Exception {
		return run(this.variants.floor);
	}

	/**
	 * (2) A hand-written OncePerRequestFilter that sets the headers on every response.
	 */
	@Benchmark
	public MockHttpServletResponse naiveFilter() throws Exception {
		return run(this.variants.naive);
	}

	/**
	 * (2b) The hand-written filter, checking each header before setting it (a control:
	 * the cost of set-if-absent).
	 */
	@Benchmark
	public MockHttpServletResponse naiveFilterSetIfAbsent() throws Exception {
		return run(this.variants.naiveSetIfAbsent);
	}

	/** (3) Spring Security's HeaderWriterFilter with the same writers. */
	@Benchmark
	public MockHttpServletResponse springSecurityHeaderWriterFilter() throws Exception {
		return run(this.variants.springSecurity);
	}

	/**
	 * (4) The starter: SecurityHeadersFilter and TrustedHostFilter, from the
	 * auto-configuration.
	 */
	@Benchmark
	public MockHttpServletResponse starter() throws Exception {
		return run(this.variants.starter);
	}

	/**
	 * (4b) The starter without trusted hosts configured (its filter is then skipped): the
	 * headers alone.
	 */
	@Benchmark
	public MockHttpServletResponse starterHeadersOnly() throws Exception {
		return run(this.variants.starterHeadersOnly);
	}

	/** (5) The hand-written filter before Spring Security's default chain. */
	@Benchmark
	public MockHttpServletResponse naiveInSpringSecurityChain() throws Exception {
		return run(this.variants.naiveInSpringSecurityChain);
	}

	/**
	 * (6) The starter's filters before Spring Security's default chain, built with it.
	 */
	@Benchmark
	public MockHttpServletResponse starterInSpringSecurityChain() throws Exception {
		return run(this.variants.starterInSpringSecurityChain);
	}

}
