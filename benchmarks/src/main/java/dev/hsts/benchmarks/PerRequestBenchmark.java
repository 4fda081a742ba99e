package dev.hsts.benchmarks;

import java.util.ArrayList;
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

import dev.hsts.autoconfigure.SecurityHeadersAutoConfiguration;
import dev.hsts.autoconfigure.TrustedHostsAutoConfiguration;
import dev.hsts.web.SecurityHeadersFilter;
import dev.hsts.web.TrustedHostFilter;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.PermissionsPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * One full request ({@code GET https://api.example.com/v1/health}, a trivial JSON servlet) through a real
 * {@link MockFilterChain} with, in turn: no header filter (the floor); a hand-written filter; Spring Security's
 * {@link HeaderWriterFilter}; the starter's filters as its auto-configuration builds them (headers and trusted-host
 * check; and headers only). The same header set everywhere, checked at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PerRequestBenchmark {

	/** The trusted hosts of the starter's variant: a few entries of each kind. */
	static final String ALLOWED = "api.example.com,www.example.com,*.example.com,*.internal.example.net,10.0.0.0/8";

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
		this.springSecurity = new Filter[] { newHeaderWriterFilter() };
		this.starter = starterFilters(true);
		this.starterHeadersOnly = starterFilters(false);
		Map<String, List<String>> expected = headers(this.naive);
		check("naiveSetIfAbsent", expected, headers(this.naiveSetIfAbsent));
		check("springSecurity", expected, headers(this.springSecurity));
		check("starter", expected, headers(this.starter));
		check("starterHeadersOnly", expected, headers(this.starterHeadersOnly));
		if (headers(this.floor).containsKey("Strict-Transport-Security")) {
			throw new IllegalStateException("The floor must write no security headers");
		}
	}

	/** Spring Security's filter with the same header set (Boot's default: written when the response commits). */
	static HeaderWriterFilter newHeaderWriterFilter() {
		HstsHeaderWriter hsts = new HstsHeaderWriter();
		hsts.setMaxAgeInSeconds(300);
		hsts.setIncludeSubDomains(false);
		List<HeaderWriter> writers = List.of(hsts, new XContentTypeOptionsHeaderWriter(),
				new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY), new ReferrerPolicyHeaderWriter(ReferrerPolicy.NO_REFERRER),
				new PermissionsPolicyHeaderWriter("geolocation=(), microphone=(), camera=()"),
				new StaticHeadersWriter("Cache-Control", "no-store"));
		return new HeaderWriterFilter(writers);
	}

	/** The starter's filters, from its auto-configuration, in their registration order. */
	static Filter[] starterFilters(boolean trustedHosts) {
		List<Filter> filters = new ArrayList<>();
		WebApplicationContextRunner runner = new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SecurityHeadersAutoConfiguration.class,
					TrustedHostsAutoConfiguration.class));
		if (trustedHosts) {
			runner = runner.withPropertyValues("security.headers.trusted-hosts.allowed=" + ALLOWED);
		}
		runner.run((context) -> {
			if (context.getStartupFailure() != null) {
				throw new IllegalStateException(context.getStartupFailure());
			}
			filters.add(context.getBean(SecurityHeadersFilter.class));
			TrustedHostFilter hosts = context.getBean(TrustedHostFilter.class);
			if (trustedHosts != hosts.getCheck().getTrustedHosts().isOff()) {
				filters.add(hosts);
			}
			else if (trustedHosts) {
				throw new IllegalStateException("The trusted-host check is off");
			}
		});
		return filters.toArray(new Filter[0]);
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

	private static void check(String variant, Map<String, List<String>> expected, Map<String, List<String>> actual) {
		if (!expected.equals(actual)) {
			throw new IllegalStateException(variant + " writes " + actual + ", the naive filter " + expected);
		}
	}

	private MockHttpServletResponse run(Filter[] filters) throws Exception {
		MockHttpServletRequest request = Requests.secureApiRequest();
		MockHttpServletResponse response = new MockHttpServletResponse();
		new MockFilterChain(this.servlet, filters).doFilter(request, response);
		return response;
	}

	/** (1) No header filter at all: the request, the response, the chain and the servlet. */
	@Benchmark
	public MockHttpServletResponse floor() throws Exception {
		return run(this.floor);
	}

	/** (2) A hand-written OncePerRequestFilter that sets the headers on every response. */
	@Benchmark
	public MockHttpServletResponse naiveFilter() throws Exception {
		return run(this.naive);
	}

	/** (2b) The hand-written filter, checking each header before setting it (a control: the cost of set-if-absent). */
	@Benchmark
	public MockHttpServletResponse naiveFilterSetIfAbsent() throws Exception {
		return run(this.naiveSetIfAbsent);
	}

	/** (3) Spring Security's HeaderWriterFilter with the same writers. */
	@Benchmark
	public MockHttpServletResponse springSecurityHeaderWriterFilter() throws Exception {
		return run(this.springSecurity);
	}

	/** (4) The starter: SecurityHeadersFilter and TrustedHostFilter, from the auto-configuration. */
	@Benchmark
	public MockHttpServletResponse starter() throws Exception {
		return run(this.starter);
	}

	/** (4b) The starter without trusted hosts configured (its filter is then skipped): the headers alone. */
	@Benchmark
	public MockHttpServletResponse starterHeadersOnly() throws Exception {
		return run(this.starterHeadersOnly);
	}

}
